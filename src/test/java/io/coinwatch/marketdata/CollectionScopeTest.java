package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.simulator.SimulatorServer;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.BackfilledMarket;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.EventProbe;

/**
 * Collection scope, pins and drops, and the fundamental enrichment, against the simulator's Bybit and CoinGecko over
 * real HTTP with the real database and broker. The scope is changed the way an operator would, in the Environment
 * the next discovery reads, and set back to all (every symbol collected and backfilled) after each test.
 */
@CoinwatchIntegrationTest
class CollectionScopeTest {

    private static final String SCOPE_SOURCE = "collection-scope-test";
    private static final String KLINE_PATH = "/v5/market/kline";
    private static final long STEP = CandleInterval.BASE_MILLIS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BYBIT_PROGRESS =
            "SELECT s.symbol FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit' AND s.active";

    @Autowired ProducerTemplate camel;
    @Autowired CamelContext camelContext;
    @Autowired JdbcTemplate jdbc;
    @Autowired SimulatorServer simulator;
    @Autowired SymbolCatalog symbols;
    @Autowired SymbolCollection collection;
    @Autowired EventOutbox outbox;
    @Autowired ConfigurableEnvironment environment;
    @Autowired EventProbe events;
    @LocalServerPort int port;
    ApiClient api;

    @BeforeEach
    void enrichedAndBackfilledMarket() {
        api = new ApiClient(port);
        simulator.faults().reset();
        BackfilledMarket.closeCircuit(camelContext);
        BackfilledMarket.ensure(camel, jdbc);
        camel.sendBodyAndHeader("direct:coin-mapping", null, "coinMappingScope", "all");
        // Enriched once every mapped asset has the rank CoinGecko gives its coin.
        Map<String, Integer> expected = mappedRanks();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            camel.sendBody("direct:symbol-enrichment", "bybit");
            Map<String, Integer> enriched = new HashMap<>();
            jdbc.query("SELECT base_asset, market_cap_rank FROM symbol_enrichment WHERE exchange = 'bybit' AND market_cap_rank IS NOT NULL",
                    rs -> { enriched.put(rs.getString(1), rs.getInt(2)); });
            assertThat(enriched).containsAllEntriesOf(expected);
        });
    }

    @AfterEach
    void everySymbolCollectedAgain() {
        environment.getPropertySources().remove(SCOPE_SOURCE);
        jdbc.update("UPDATE symbol SET collection_override = NULL WHERE exchange = 'bybit'");
        camel.sendBody("direct:symbol-discovery", "bybit");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM symbol s LEFT JOIN backfill_progress p ON p.symbol_id = s.id
                WHERE s.exchange = 'bybit' AND s.active AND (NOT s.collected OR p.status IS DISTINCT FROM 'done')""", Integer.class) == 0);
    }

    @Test
    void topMarketCapTenBackfillsExactlyTheTenBestRankedMappedSymbolsBestFirst() {
        List<String> expected = activeSymbolsByRank().stream().limit(10).toList();
        assertThat(expected).hasSize(10);
        for (MarketSymbol s : symbols.list("bybit", true)) {
            BackfilledMarket.resetBackfill(jdbc, s);
        }
        simulator.requestLog().clear();
        scope(Map.of("top-market-cap", 10));

        assertThat(collection.apply("bybit")).as("backfills requested, best rank first").containsExactlyElementsOf(expected);

        JsonNode collected = api.getOk("/api/v1/market-data/symbols?exchange=bybit&collected=true").path("symbols");
        assertThat(collected.findValuesAsText("symbol")).containsExactlyInAnyOrderElementsOf(expected);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                BYBIT_PROGRESS.replace("s.symbol", "count(*)") + " AND p.status = 'done'", Integer.class) >= expected.size());
        assertThat(jdbc.queryForList(BYBIT_PROGRESS, String.class)).containsExactlyInAnyOrderElementsOf(expected);
        for (MarketSymbol s : symbols.list("bybit", true)) {
            assertThat(simulator.requestLog().count(KLINE_PATH, s.symbol())).as(s.symbol())
                    .matches(n -> expected.contains(s.symbol()) == (n > 0));
        }
        // The others say why they are left out.
        for (JsonNode s : api.getOk("/api/v1/market-data/symbols?exchange=bybit&collected=false").path("symbols")) {
            if (s.path("active").asBoolean()) {
                assertThat(s.path("collectionReason").asText()).as(s.toString()).containsAnyOf("is not within top-market-cap 10",
                        "left out of top-market-cap");
            }
        }
    }

    @Test
    void aSymbolsListTakesEffectAtTheNextDiscoveryAndUnknownNamesAreReportedNotFatal() {
        List<String> ranked = activeSymbolsByRank();
        String listed = ranked.get(0);
        String excluded = ranked.get(1);
        scope(Map.of("symbols", List.of(listed, excluded, "NOSUCHUSDT"), "exclude", List.of(excluded)));

        camel.sendBody("direct:symbol-discovery", "bybit");

        assertThat(api.getOk("/api/v1/market-data/symbols?exchange=bybit&collected=true").path("symbols").findValuesAsText("symbol"))
                .containsExactly(listed);
        assertThat(api.getOk("/api/v1/market-data/symbols/" + excluded + "?exchange=bybit").path("collectionReason").asText())
                .contains("excluded");
        JsonNode report = api.getOk("/api/v1/system/health").path("components").path("collectionScope");
        assertThat(report.path("status").asText()).isEqualTo("UP");
        assertThat(report.path("details").path("bybit").path("unknownSymbols").toString()).isEqualTo("[\"NOSUCHUSDT\"]");
    }

    @Test
    void aDroppedSymbolKeepsItsHistoryAndARepinnedOneResumesFromItsLastStoredCandle() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 0);
        long candles = candleCount(s);
        JsonNode dropped = json(api.send("DELETE", "/api/v1/market-data/symbols/" + s.symbol() + "/collection?exchange=bybit"), 200);
        assertThat(dropped.path("collected").asBoolean()).isFalse();
        assertThat(dropped.path("collectionReason").asText()).isEqualTo("dropped by an operator");
        simulator.requestLog().clear();
        camel.sendBody("direct:kline-sync", null);
        assertThat(simulator.requestLog().count(KLINE_PATH, s.symbol())).as("a dropped symbol is not synced").isZero();
        assertThat(candleCount(s)).isEqualTo(candles);

        // As if its backfill had ended five days before it was dropped, the live sync having stored the candles since,
        // and it stayed dropped for the last 30 minutes.
        long lastStored = CandleInterval.lastClosedOpenTime(System.currentTimeMillis()) - 6 * STEP;
        long backfillEnd = lastStored - Duration.ofDays(5).toMillis();
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time > ?", s.id(), ts(lastStored));
        jdbc.update("UPDATE backfill_progress SET range_end = ?, next_open_time = ? WHERE symbol_id = ?",
                ts(backfillEnd), ts(backfillEnd + STEP), s.id());
        long kept = candleCount(s);
        simulator.requestLog().clear();
        events.clear();

        JsonNode pinned = json(api.send("PUT", "/api/v1/market-data/symbols/" + s.symbol() + "/collection?exchange=bybit"), 200);
        assertThat(pinned.path("collected").asBoolean()).isTrue();
        assertThat(jdbc.queryForList("SELECT operation FROM audit_log WHERE target = ? AND outcome = 'succeeded' ORDER BY id",
                String.class, "bybit:" + s.symbol())).containsSubsequence("symbol.drop", "symbol.pin");
        assertThat(pinned.path("collectionOverride").asText()).isEqualTo("pinned");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM backfill_progress WHERE symbol_id = ? AND status = 'done' AND range_end > ?", Integer.class,
                s.id(), ts(lastStored)) == 1);
        // The pin's backfill request (reason collect) keeps the AsyncAPI contract.
        await().atMost(Duration.ofSeconds(10)).until(() -> events.received().contains("market.backfill.requested"));
        events.assertAllKeptTheContract();
        // One page from the last stored candle on; from the backfill's end it would be two (1,440 candles and more).
        assertThat(simulator.requestLog().count(KLINE_PATH, s.symbol())).isEqualTo(1);
        long rangeEnd = jdbc.queryForObject("SELECT range_end FROM backfill_progress WHERE symbol_id = ?", Timestamp.class, s.id()).getTime();
        assertThat(candleCount(s)).isEqualTo(kept + (rangeEnd - lastStored) / STEP);

        // A pin survives the next discovery whatever the scope.
        scope(Map.of("symbols", List.of("NOSUCHUSDT")));
        camel.sendBody("direct:symbol-discovery", "bybit");
        assertThat(symbols.find("bybit", s.symbol()).orElseThrow().collected()).isTrue();
    }

    @Test
    void pinningAnUnknownSymbolIs404AndAnUnknownExchange400() {
        api.assertError("PUT", "/api/v1/market-data/symbols/NOSUCHUSDT/collection?exchange=bybit", 404, "unknown_symbol");
        api.assertError("DELETE", "/api/v1/market-data/symbols/NOSUCHUSDT/collection?exchange=bybit", 404, "unknown_symbol");
        api.assertError("PUT", "/api/v1/market-data/symbols/BTCUSDT/collection?exchange=nosuch", 400, "invalid_exchange");
        api.assertError("DELETE", "/api/v1/market-data/symbols/BTCUSDT/collection?exchange=nosuch", 400, "invalid_exchange");
    }

    @Test
    void symbolsShowTheirEnrichmentSortedAndFilteredByCategoryAndCollection() {
        List<String> ranked = activeSymbolsByRank();
        JsonNode top = api.getOk("/api/v1/market-data/symbols?exchange=bybit&sort=marketCapRank&limit=3").path("symbols");
        assertThat(top.findValuesAsText("symbol")).containsExactlyElementsOf(ranked.subList(0, 3));
        JsonNode best = top.get(0);
        assertThat(best.path("coinId").asText()).isNotBlank();
        assertThat(best.path("name").asText()).isNotBlank();
        assertThat(best.path("marketCap").isNumber()).isTrue();
        assertThat(best.path("marketCapRank").asInt()).isPositive();
        assertThat(best.path("collected").asBoolean()).isTrue();

        JsonNode withCategory = null;
        for (JsonNode s : api.getOk("/api/v1/market-data/symbols?exchange=bybit").path("symbols")) {
            if (s.path("categories").size() > 0) {
                withCategory = s;
            }
        }
        assertThat(withCategory).as("a symbol whose coin has categories").isNotNull();
        String category = withCategory.path("categories").get(0).asText();
        JsonNode inCategory = api.getOk("/api/v1/market-data/symbols?exchange=bybit&category="
                + URLEncoder.encode(category.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8)).path("symbols");
        assertThat(inCategory.findValuesAsText("symbol")).contains(withCategory.path("symbol").asText());
        for (JsonNode s : inCategory) {
            assertThat(s.path("categories").toString()).contains(category);
        }
        String dropped = ranked.get(ranked.size() - 1);
        assertThat(api.send("DELETE", "/api/v1/market-data/symbols/" + dropped + "/collection?exchange=bybit").statusCode()).isEqualTo(200);
        assertThat(api.getOk("/api/v1/market-data/symbols?exchange=bybit&collected=false").path("symbols")
                .findValuesAsText("symbol")).containsExactly(dropped);
        assertThat(api.getOk("/api/v1/market-data/symbols?exchange=bybit&collected=true").path("symbols")
                .findValuesAsText("symbol")).doesNotContain(dropped).contains(ranked.get(0));

        api.assertError("GET", "/api/v1/market-data/symbols?sort=volume", 400, "invalid_sort");
        api.assertError("GET", "/api/v1/market-data/symbols?collected=maybe", 400, "invalid_collected");
        api.assertError("GET", "/api/v1/market-data/symbols?limit=0", 400, "invalid_limit");
        api.assertError("GET", "/api/v1/market-data/symbols?exchange=nosuch", 400, "invalid_exchange");
    }

    @Test
    void enrichmentReachesTheFundamentalRoleOnlyOverHttpAndFollowsFundamentalUpdatedThroughTheBroker() throws Exception {
        // A separate HTTP endpoint in front of the fundamental API stands for the fundamental-data process of a split
        // deployment: the enrichment must come through it.
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpServer fundamental = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fundamental.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            try (InputStream ignored = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + exchange.getRequestURI())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                out.write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        fundamental.start();
        try {
            environment.getPropertySources().addFirst(new MapPropertySource(SCOPE_SOURCE, Map.of(
                    "coinwatch.market-data.enrichment.fundamental-url", "http://127.0.0.1:" + fundamental.getAddress().getPort())));
            jdbc.update("UPDATE symbol_enrichment SET name = NULL, market_cap_rank = NULL WHERE exchange = 'bybit'");
            Instant before = Instant.now();

            outbox.publish(EventTypes.FUNDAMENTAL_UPDATED, Map.of("run", "test", "source", "test"));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM symbol_enrichment WHERE exchange = 'bybit' AND name IS NOT NULL AND enriched_at > ?",
                    Integer.class, Timestamp.from(before)) >= mappedRanks().size());
            assertThat(seen).contains("GET /api/v1/fundamental/assets?exchange=bybit");
        } finally {
            fundamental.stop(0);
        }
    }

    @Test
    void marketDataReadsNoFundamentalTableAndImportsNoFundamentalClass() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/coinwatch/marketdata"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (String forbidden : List.of("io.coinwatch.fundamental", "coin_mapping", "coin_metadata", "coin_market_snapshot")) {
                    if (source.contains(forbidden)) {
                        found.add(file + ": " + forbidden);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private void scope(Map<String, Object> collect) {
        Map<String, Object> properties = new HashMap<>();
        collect.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    properties.put("coinwatch.exchanges.bybit.collect." + key + "[" + i + "]", list.get(i));
                }
            } else {
                properties.put("coinwatch.exchanges.bybit.collect." + key, value);
            }
        });
        environment.getPropertySources().addFirst(new MapPropertySource(SCOPE_SOURCE, properties));
    }

    /** The active Bybit symbols whose base asset the fundamental role mapped, by the coin's rank at CoinGecko. */
    private List<String> activeSymbolsByRank() {
        Map<String, Integer> ranks = mappedRanks();
        return symbols.list("bybit", true).stream().filter(s -> ranks.containsKey(s.baseAsset()))
                .sorted(Comparator.comparing((MarketSymbol s) -> ranks.get(s.baseAsset())).thenComparing(MarketSymbol::symbol))
                .map(MarketSymbol::symbol).toList();
    }

    /** Base asset -> rank of its coin, as the fundamental mapping and the simulated CoinGecko say. */
    private Map<String, Integer> mappedRanks() {
        Map<String, Integer> coinRanks = new HashMap<>();
        for (JsonNode coin : get(simulator.baseUrl() + "/api/v3/coins/markets?vs_currency=usd&per_page=250&page=1")) {
            if (coin.path("market_cap_rank").isNumber()) {
                coinRanks.put(coin.path("id").asText(), coin.path("market_cap_rank").asInt());
            }
        }
        Map<String, Integer> ranks = new HashMap<>();
        for (JsonNode m : api.getOk("/api/v1/fundamental/mapping?exchange=bybit&status=mapped").path("mappings")) {
            Integer rank = coinRanks.get(m.path("coinId").asText());
            if (m.path("active").asBoolean() && rank != null) {
                ranks.put(m.path("baseAsset").asText(), rank);
            }
        }
        return ranks;
    }

    private JsonNode get(String url) {
        try {
            return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return ApiClient.json(response);
    }

    private long candleCount(MarketSymbol s) {
        return jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ?", Long.class, s.id());
    }

    private static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
