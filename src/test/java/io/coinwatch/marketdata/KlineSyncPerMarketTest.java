package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.MessagingProperties;
import io.coinwatch.core.source.SourceRouteFiles;
import io.coinwatch.simulator.SimulatorServer;
import io.coinwatch.support.BackfilledMarket;
import io.coinwatch.support.CoinwatchIntegrationTest;

/**
 * The same symbol on two exchanges is two markets (Bybit, and "twin": the guide's example file under another name,
 * BTCUSDT from the simulator's Binance API): the live sync publishes one market.updated for each, with its own
 * range and candle count, and each exchange's latest indicators are refreshed from it.
 */
@CoinwatchIntegrationTest
class KlineSyncPerMarketTest {

    private static final long STEP = CandleInterval.BASE_MILLIS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EXCHANGES = List.of("bybit", "twin");

    @Autowired ProducerTemplate camel;
    @Autowired CamelContext camelContext;
    @Autowired JdbcTemplate jdbc;
    @Autowired SimulatorServer simulator;
    @Autowired SymbolCatalog symbols;
    @Autowired AmqpAdmin amqp;
    @Autowired RabbitTemplate rabbit;
    @Autowired MessagingProperties messaging;
    @Autowired SourceRouteFiles routeFiles;

    @Test
    void btcusdtOnTwoExchangesIsSyncedAsTwoMarketsEachWithItsOwnEventAndIndicators() throws Exception {
        simulator.faults().reset();
        BackfilledMarket.closeCircuit(camelContext);
        BackfilledMarket.ensure(camel, jdbc);
        if (camelContext.getRoute("twin-listing") == null) {
            routeFiles.load(camelContext, ResourceHelper.fromString("twin.yaml",
                    Files.readString(Path.of("docs/examples/binanceus.yaml")).replace("binanceus", "twin")));
        }
        camel.sendBody("direct:exchange-symbol-discovery", "twin");
        Map<String, MarketSymbol> btc = Map.of("bybit", symbols.find("bybit", "BTCUSDT").orElseThrow(),
                "twin", symbols.find("twin", "BTCUSDT").orElseThrow());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> btc.values().stream()
                .allMatch(s -> "done".equals(jdbc.queryForList("SELECT status FROM backfill_progress WHERE symbol_id = ?",
                        String.class, s.id()).stream().findFirst().orElse(null))));

        // Bybit loses its last 3 candles, the twin (the Binance API) its last 5: different ranges and counts per market.
        Map<String, Integer> deleted = Map.of("bybit", 3, "twin", 5);
        Map<String, Long> firstMissing = new HashMap<>();
        for (String exchange : EXCHANGES) {
            MarketSymbol s = btc.get(exchange);
            long last = jdbc.queryForObject("SELECT max(open_time) FROM candle WHERE symbol_id = ?", Timestamp.class, s.id()).getTime();
            long from = last - (deleted.get(exchange) - 1) * STEP;
            jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time >= ?", s.id(), ts(from));
            jdbc.update("DELETE FROM indicator_latest WHERE symbol_id = ?", s.id());
            firstMissing.put(exchange, from);
        }
        // A queue of this test's own on the events exchange sees every market.updated the sync publishes.
        Queue updates = new Queue("test.kline-sync-per-market", true, false, false);
        amqp.declareQueue(updates);
        amqp.declareBinding(BindingBuilder.bind(updates).to(new TopicExchange(messaging.exchange())).with("market.updated"));
        List<JsonNode> events = new ArrayList<>();
        try {
            camel.sendBody("direct:kline-sync", null);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Message message = rabbit.receive(updates.getName());
                JsonNode data = message == null ? null : JSON.readTree(message.getBody()).path("data");
                if (data != null && data.path("symbol").asText().equals("BTCUSDT") && data.path("reason").asText().equals("sync")) {
                    events.add(data);
                }
                return events.size() == 2;
            });
        } finally {
            amqp.deleteQueue(updates.getName());
        }
        assertThat(events).extracting(e -> e.path("exchange").asText()).containsExactlyInAnyOrderElementsOf(EXCHANGES);
        for (JsonNode event : events) {
            String exchange = event.path("exchange").asText();
            MarketSymbol s = btc.get(exchange);
            long from = event.path("from").asLong();
            long to = event.path("to").asLong();
            assertThat(from).as("%s: from its first missing candle", exchange).isEqualTo(firstMissing.get(exchange));
            assertThat(to).as("%s: to the last closed candle", exchange).isGreaterThanOrEqualTo(from + (deleted.get(exchange) - 1) * STEP);
            int stored = jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time BETWEEN ? AND ?",
                    Integer.class, s.id(), ts(from), ts(to));
            assertThat(event.path("candles").asInt()).as("%s: candles of its own range", exchange)
                    .isEqualTo(stored).isEqualTo((int) ((to - from) / STEP + 1));
        }
        // Each exchange's latest 5m indicators come back, computed up to its own last candle.
        for (String exchange : EXCHANGES) {
            MarketSymbol s = btc.get(exchange);
            long last = jdbc.queryForObject("SELECT max(open_time) FROM candle WHERE symbol_id = ?", Timestamp.class, s.id()).getTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).alias("latest indicators of " + exchange)
                    .until(() -> jdbc.queryForList("SELECT open_time FROM indicator_latest WHERE symbol_id = ? AND interval = '5m'",
                            Timestamp.class, s.id()).stream().anyMatch(t -> t.getTime() == last));
        }
    }

    private static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
