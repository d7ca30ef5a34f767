package io.coinwatch.marketdata.stream;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.MarketSymbol;
import io.coinwatch.marketdata.SymbolCatalog;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.BackfilledMarket;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.SseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Server-Sent Events stream over real HTTP, fed by real syncs through the broker. */
@CoinwatchIntegrationTest
class MarketStreamTest {

    private static final long STEP = CandleInterval.BASE_MILLIS;
    private static final long HOUR = 3_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired ProducerTemplate camel;
    @Autowired JdbcTemplate jdbc;
    @Autowired SymbolCatalog symbols;
    @Autowired MarketStream stream;
    @Autowired CamelContext camelContext;
    @LocalServerPort int port;

    @BeforeEach
    void market() {
        // The syncs below must reach the simulator whatever an earlier test of the shared context did to Bybit's circuit.
        BackfilledMarket.closeCircuit(camelContext);
        BackfilledMarket.ensure(camel, jdbc);
    }

    @Test
    void aReconnectWithLastEventIdGetsTheMissedCandlesExactlyOnce() throws Exception {
        MarketSymbol s = synced(9);
        long last = lastStored(s);
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time > ?", s.id(), ts(last - 6 * STEP));
        String query = "symbols=" + s.symbol() + "&exchange=bybit&interval=5m&indicators=rsi,macd";

        try (SseClient live = SseClient.open(port, query, null)) {
            String idBeforeSync;
            try (SseClient early = SseClient.open(port, query, null)) {
                idBeforeSync = await().atMost(Duration.ofSeconds(10)).until(() -> early.events("ready"), e -> !e.isEmpty()).get(0).id();
            }
            assertThat(idBeforeSync).as("the cursor is the last stored candle").isEqualTo(Long.toString(last - 6 * STEP));

            camel.sendBody("direct:kline-sync", null);
            // Reconnecting at once races the live delivery of the same market.updated: still exactly once.
            try (SseClient reconnected = SseClient.open(port, query, idBeforeSync)) {
                List<Long> missed = jdbc.queryForList("SELECT (extract(epoch FROM open_time) * 1000)::bigint FROM candle "
                        + "WHERE symbol_id = ? AND open_time > ? ORDER BY open_time", Long.class, s.id(), ts(last - 6 * STEP));
                assertThat(missed).hasSizeGreaterThanOrEqualTo(6);

                await().atMost(Duration.ofSeconds(30)).until(() -> openTimes(live).size() >= missed.size()
                        && openTimes(reconnected).size() >= missed.size());
                // Nothing more arrives afterwards (a duplicate would).
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                        .until(() -> openTimes(reconnected).size() == missed.size() && openTimes(live).size() == missed.size());
                assertThat(openTimes(reconnected)).containsExactlyElementsOf(missed);
                assertThat(openTimes(live)).containsExactlyElementsOf(missed);

                SseClient.Event lastCandle = reconnected.events("candle").get(missed.size() - 1);
                assertThat(lastCandle.id()).isEqualTo(Long.toString(missed.get(missed.size() - 1)));
                JsonNode candle = JSON.readTree(lastCandle.data());
                assertThat(candle.path("exchange").asText()).isEqualTo("bybit");
                assertThat(candle.path("symbol").asText()).isEqualTo(s.symbol());
                assertThat(candle.path("interval").asText()).isEqualTo("5m");
                JsonNode api = new ApiClient(port).getOk("/api/v1/market-data/klines/" + s.symbol() + "?start="
                        + missed.get(missed.size() - 1) + "&limit=1").path("klines").get(0);
                for (String field : List.of("openTime", "open", "high", "low", "close", "volume", "turnover")) {
                    assertThat(candle.path(field).decimalValue()).as(field).isEqualByComparingTo(api.path(field).decimalValue());
                }

                assertThat(live.events("indicator")).extracting(e -> JSON.readTree(e.data()).path("indicator").asText())
                        .contains("rsi", "macd");
                JsonNode rsi = JSON.readTree(live.events("indicator").stream()
                        .filter(e -> e.data().contains("\"rsi\"")).reduce((a, b) -> b).orElseThrow().data());
                assertThat(rsi.path("value").isNumber()).as(rsi.toString()).isTrue();
                assertThat(rsi.path("value").asDouble()).isBetween(0.0, 100.0);

                try (SseClient again = SseClient.open(port, query, lastCandle.id())) {
                    await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
                            .until(() -> again.events("ready").size() == 1 && again.events("candle").isEmpty());
                }
            }
        }
    }

    @Test
    void aDerivedIntervalStreamsABucketWhenItCompletes() throws Exception {
        MarketSymbol s = synced(10);
        long last = lastStored(s);
        long lastHour = MarketStream.lastCompleteBucket(CandleInterval.H1, last);
        // The last complete hour loses its final 5m candle: the 1h stream's cursor is the hour before.
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time >= ?", s.id(), ts(lastHour + HOUR - STEP));

        try (SseClient hourly = SseClient.open(port, "symbols=" + s.symbol() + "&interval=1h", null)) {
            String ready = await().atMost(Duration.ofSeconds(10)).until(() -> hourly.events("ready"), e -> !e.isEmpty()).get(0).id();
            assertThat(ready).isEqualTo(Long.toString(lastHour - HOUR));

            camel.sendBody("direct:kline-sync", null);
            assertThat(lastStored(s)).as("the candle kline-sync fetched again (%s)", syncState(s)).isGreaterThanOrEqualTo(lastHour + HOUR - STEP);

            // Through the outbox, the broker and this process's stream queue: seconds on a busy machine.
            await().atMost(Duration.ofSeconds(30)).until(() -> !hourly.events("candle").isEmpty());
            JsonNode candle = JSON.readTree(hourly.events("candle").get(0).data());
            assertThat(candle.path("interval").asText()).isEqualTo("1h");
            assertThat(candle.path("openTime").asLong()).isEqualTo(lastHour);
            JsonNode api = new ApiClient(port).getOk("/api/v1/market-data/klines/" + s.symbol() + "?interval=1h&start="
                    + lastHour + "&limit=1").path("klines").get(0);
            assertThat(candle.path("volume").decimalValue()).isEqualByComparingTo(api.path("volume").decimalValue());
            assertThat(candle.path("close").decimalValue()).isEqualByComparingTo(api.path("close").decimalValue());
        }
    }

    @Test
    void badRequestsAreRefusedBeforeTheStreamOpens() throws Exception {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 0);
        assertRefused("symbols=NOSUCHUSDT", 400, "unknown_symbol");
        assertRefused("symbols=" + s.symbol() + "&interval=7m", 400, "invalid_interval");
        assertRefused("symbols=" + s.symbol() + "&indicators=rsi,magic", 400, "unknown_indicator");
        assertRefused("symbols=" + s.symbol() + "&exchange=nowhere", 400, "invalid_exchange");
        assertRefused("interval=5m", 400, "invalid_symbols");
        HttpResponse<Stream<String>> badId = SseClient.connect(port, "symbols=" + s.symbol(), "12.x");
        assertThat(badId.statusCode()).isEqualTo(400);
        badId.body().close();
    }

    @Test
    void streamsBeyondMaxClientsAreRefusedAndCountedInMetrics() throws Exception {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 1);
        List<SseClient> clients = new ArrayList<>();
        try {
            while (stream.clientCount() < 40) {
                clients.add(SseClient.open(port, "symbols=" + s.symbol(), null));
            }
            assertRefused("symbols=" + s.symbol(), 503, "too_many_streams");
            String metrics = new ApiClient(port).send("GET", "/actuator/prometheus").body();
            assertThat(metrics).contains("coinwatch_stream_clients 40.0");
            await().atMost(Duration.ofSeconds(5)).until(() -> clients.get(0).comments() > 0);
        } finally {
            clients.forEach(SseClient::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.clientCount() == 0);
    }

    private void assertRefused(String query, int status, String code) throws Exception {
        HttpResponse<Stream<String>> response = SseClient.connect(port, query, null);
        String body = response.body().collect(Collectors.joining("\n"));
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(body).path("error").path("code").asText()).isEqualTo(code);
    }

    private static List<Long> openTimes(SseClient client) {
        return client.events("candle").stream().map(e -> {
            try {
                return JSON.readTree(e.data()).path("openTime").asLong();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }).toList();
    }

    /** A simulator symbol that kline-sync syncs: one whose backfill is done. */
    private MarketSymbol synced(int n) {
        MarketSymbol s = BackfilledMarket.oldest(symbols, n);
        assertThat(jdbc.queryForList("SELECT status FROM backfill_progress WHERE symbol_id = ?", String.class, s.id()))
                .as("backfill of %s, which kline-sync leaves alone until done", s.symbol()).containsExactly("done");
        return s;
    }

    /** What decides whether kline-sync fetches the symbol, for a failure's message. */
    private String syncState(MarketSymbol s) {
        CircuitBreaker breaker = BackfilledMarket.bybitCircuit(camelContext);
        return "collected " + symbols.find("bybit", s.symbol()).orElseThrow().collected() + ", backfill "
                + jdbc.queryForList("SELECT status FROM backfill_progress WHERE symbol_id = ?", String.class, s.id())
                + ", bybit circuit " + (breaker == null ? "none" : breaker.getState());
    }

    private long lastStored(MarketSymbol s) {
        return jdbc.queryForObject("SELECT max(open_time) FROM candle WHERE symbol_id = ?", Timestamp.class, s.id()).getTime();
    }

    private static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
