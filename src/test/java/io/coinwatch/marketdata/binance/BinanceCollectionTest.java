package io.coinwatch.marketdata.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.MarketSymbol;
import io.coinwatch.marketdata.SymbolCatalog;
import io.coinwatch.simulator.Api;
import io.coinwatch.simulator.RequestLog;
import io.coinwatch.simulator.RequestMatch;
import io.coinwatch.simulator.ResponseFault;
import io.coinwatch.simulator.SimulatorServer;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;

/**
 * Binance spot as routes/binance.yaml collects it, against the simulator's Binance API over real HTTP: discovery,
 * backfill through the broker with a 418 ban and 429s in the middle of it, exact candle counts, no gaps, the API,
 * and the live sync. The first test collects; the others work on what it stored.
 */
@CoinwatchIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BinanceCollectionTest {

    private static final long STEP = CandleInterval.BASE_MILLIS;
    private static final Duration BAN = Duration.ofSeconds(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired ProducerTemplate camel;
    @Autowired JdbcTemplate jdbc;
    @Autowired SimulatorServer simulator;
    @Autowired SymbolCatalog symbols;
    @LocalServerPort int port;

    @BeforeEach
    void resetFaults() {
        simulator.faults().reset();
    }

    @Test
    @Order(1)
    void discoveryAndBackfillStoreEveryTradingUsdtPairWithoutAGapThroughABanAndRateLimits() {
        List<String> trading = tradingUsdtPairs();
        assertThat(trading).hasSizeGreaterThanOrEqualTo(12);
        simulator.requestLog().clear();

        camel.sendBody("direct:exchange-symbol-discovery", "binance");
        // The backfills start from the symbol.added events, after discovery: this ban and these 429s meet them.
        Instant banned = Instant.now();
        simulator.faults().ban(Api.BINANCE, BAN);
        simulator.faults().failNext(3, ResponseFault.throttle(Duration.ofSeconds(1)), RequestMatch.path("/api/v3/klines"));

        assertThat(symbols.list("binance", true)).extracting(MarketSymbol::symbol).containsExactlyInAnyOrderElementsOf(trading);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM symbol s LEFT JOIN backfill_progress p ON p.symbol_id = s.id
                WHERE s.exchange = 'binance' AND s.active AND (p.status IS NULL OR p.status <> 'done')""", Integer.class) == 0);

        List<RequestLog.Entry> klineCalls = simulator.requestLog().entries().stream()
                .filter(e -> e.path().equals("/api/v3/klines")).toList();
        RequestLog.Entry firstBan = klineCalls.stream().filter(e -> e.status() == 418).findFirst().orElseThrow();
        // Requests in flight when the first 418 came back may arrive just after it; then nothing until the ban ends.
        Instant guardActive = firstBan.receivedAt().plusMillis(300);
        Instant banEnds = banned.plus(BAN).minusMillis(100);
        assertThat(klineCalls.stream().filter(e -> e.receivedAt().isAfter(guardActive) && e.receivedAt().isBefore(banEnds)))
                .as("requests sent while banned").isEmpty();
        assertThat(klineCalls.stream().filter(e -> e.status() == 429)).as("rate-limited requests").hasSize(3);

        for (MarketSymbol s : symbols.list("binance", true)) {
            Map<String, Object> p = jdbc.queryForMap("SELECT range_start, range_end FROM backfill_progress WHERE symbol_id = ?", s.id());
            long start = ((Timestamp) p.get("range_start")).getTime();
            long end = ((Timestamp) p.get("range_end")).getTime();
            assertThat(start).as("%s starts at its first candle", s.symbol()).isEqualTo(firstCandle(s.symbol())).isEqualTo(s.launchTime());
            Long stored = jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time BETWEEN ? AND ?",
                    Long.class, s.id(), p.get("range_start"), p.get("range_end"));
            assertThat(stored).as("candles of %s", s.symbol()).isEqualTo((end - start) / STEP + 1);
        }
        camel.sendBody("direct:gap-audit", null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle_gap g JOIN symbol s ON s.id = g.symbol_id WHERE s.exchange = 'binance'",
                Integer.class)).as("gaps on binance").isZero();
    }

    @Test
    @Order(2)
    void candlesAreBinancesRowsAndTheApiServesThemForExchangeBinance() {
        MarketSymbol s = symbols.find("binance", "BTCUSDT").orElseThrow();
        long openTime = CandleInterval.alignUp(s.launchTime()) + 100 * STEP;
        JsonNode row = get(simulator.baseUrl() + "/api/v3/klines?symbol=BTCUSDT&interval=5m&startTime=" + openTime + "&limit=1").get(0);

        Map<String, Object> stored = jdbc.queryForMap("SELECT open, high, low, close, volume, turnover FROM candle "
                + "WHERE symbol_id = ? AND open_time = ?", s.id(), ts(openTime));
        // open, high, low, close, volume are fields 1..5; the turnover is the quote asset volume, field 7 (6 is closeTime).
        String[] columns = {"open", "high", "low", "close", "volume"};
        for (int i = 0; i < columns.length; i++) {
            assertThat((BigDecimal) stored.get(columns[i])).as(columns[i]).isEqualByComparingTo(new BigDecimal(row.get(i + 1).asText()));
        }
        assertThat((BigDecimal) stored.get("turnover")).isEqualByComparingTo(new BigDecimal(row.get(7).asText()));

        ApiClient api = new ApiClient(port);
        JsonNode klines = api.getOk("/api/v1/market-data/klines/BTCUSDT?exchange=binance&start=" + openTime + "&limit=1");
        assertThat(klines.path("exchange").asText()).isEqualTo("binance");
        assertThat(klines.path("klines").get(0).path("openTime").asLong()).isEqualTo(openTime);

        JsonNode listed = api.getOk("/api/v1/market-data/symbols?exchange=binance").path("symbols");
        assertThat(listed).isNotEmpty().allSatisfy(sym -> {
            assertThat(sym.path("exchange").asText()).isEqualTo("binance");
            assertThat(sym.path("quoteAsset").asText()).isEqualTo("USDT");
        });
        assertThat(api.getOk("/api/v1/market-data/symbols/BTCUSDT?exchange=binance").path("launchTime").asLong()).isEqualTo(s.launchTime());
        assertThat(api.getOk("/api/v1/market-data/backfill/status?exchange=binance").path("overall").path("percent").asDouble())
                .isEqualTo(100.0);
        assertThat(api.getOk("/api/v1/market-data/gaps?exchange=binance").path("gaps")).isEmpty();
    }

    @Test
    @Order(3)
    void theLiveSyncKeepsBinanceCurrent() {
        MarketSymbol s = symbols.find("binance", "ETHUSDT").orElseThrow();
        long last = jdbc.queryForObject("SELECT max(open_time) FROM candle WHERE symbol_id = ?", Timestamp.class, s.id()).getTime();
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time > ?", s.id(), ts(last - 3 * STEP));
        simulator.requestLog().clear();

        camel.sendBody("direct:kline-sync", null);

        // At least one: another exchange collecting ETHUSDT through the Binance API (binanceus) may ask too.
        assertThat(simulator.requestLog().count("/api/v3/klines", "ETHUSDT")).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time > ?", Integer.class, s.id(),
                ts(last - 3 * STEP))).isGreaterThanOrEqualTo(3);
    }

    /** What the simulator's Binance lists as TRADING and quoted in USDT. */
    private List<String> tradingUsdtPairs() {
        List<String> pairs = new ArrayList<>();
        for (JsonNode item : get(simulator.baseUrl() + "/api/v3/exchangeInfo").path("symbols")) {
            if (item.path("status").asText().equals("TRADING") && item.path("quoteAsset").asText().equals("USDT")) {
                pairs.add(item.path("symbol").asText());
            }
        }
        return pairs;
    }

    private long firstCandle(String symbol) {
        return get(simulator.baseUrl() + "/api/v3/klines?symbol=" + symbol + "&interval=5m&startTime=0&limit=1").get(0).get(0).asLong();
    }

    private static JsonNode get(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
