package io.coinwatch.fundamental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.fundamental.sentiment.LexiconScorer;
import io.coinwatch.core.source.SourceException;
import io.coinwatch.simulator.RequestLog;
import io.coinwatch.simulator.RequestMatch;
import io.coinwatch.simulator.ResponseFault;
import io.coinwatch.simulator.SimulatorServer;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.EventProbe;
import io.coinwatch.support.TestSymbols;

/**
 * The fundamental-data role against the simulator's CoinGecko and Reddit over real HTTP, with the real database and
 * broker. Its symbols live on an exchange of their own, so the market-data flows never see them.
 */
@CoinwatchIntegrationTest
class FundamentalDataTest {

    private static final String FX = "fundamental-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> FX_ASSETS = List.of("BTC", "SOL", "1000PEPE", "10000SATS", "1000000MOG", "SHIB1000",
            "WBTC", "NOPECOIN", "ZZNOCOIN", "ETH");
    private static final String MARKETS = "/api/v3/coins/markets";
    private static final ObjectMapper DECIMALS = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static boolean mapped;

    @Autowired ProducerTemplate camel;
    @Autowired CamelContext context;
    @Autowired JdbcTemplate jdbc;
    @Autowired SimulatorServer simulator;
    @Autowired EventOutbox outbox;
    @Autowired AmqpAdmin amqp;
    @Autowired CoinMappingStore mappings;
    @Autowired EventProbe events;
    @LocalServerPort int port;

    /** Every event a test here caused kept the AsyncAPI contract (payload schema and AMQP properties). */
    @AfterEach
    void eventsKeptTheContract() {
        events.assertAllKeptTheContract();
    }

    @BeforeEach
    void fixturesMappedOnce() {
        events.clear();
        simulator.faults().reset();
        synchronized (FundamentalDataTest.class) {
            if (!mapped) {
                for (String asset : FX_ASSETS) {
                    jdbc.update("""
                            INSERT INTO symbol (exchange, symbol, base_asset, quote_asset, contract_type, status, launch_time)
                            VALUES (?, ?, ?, 'USDT', 'LinearPerpetual', 'Trading', now())""", FX, asset + "USDT", asset);
                    // What the symbol.added event would have recorded on the fundamental side.
                    jdbc.update("INSERT INTO fundamental_symbol (exchange, symbol, base_asset) VALUES (?, ?, ?)", FX, asset + "USDT", asset);
                }
                mapAll();
                mapped = true;
            }
        }
        quiesce();
    }

    @Test
    void collidingSymbolsAreDecidedByMarketCapRankNotByName() {
        // Three coins have the symbol sol. The original's heuristic took sol-wormhole, whose id has "sol" as a word.
        Map<String, Object> sol = mapping("SOL");
        assertThat(sol.get("coin_id")).isEqualTo("solana");
        assertThat(sol.get("method")).isEqualTo("market-cap-rank");
        assertThat((String) sol.get("detail")).contains("3 coins have the symbol 'sol'").containsPattern("solana \\(#\\d+\\) ranks above")
                .contains("sol-wormhole (#").contains("wrapped-solana (unranked)");

        Map<String, Object> pepe = mapping("1000PEPE");
        assertThat(pepe.get("coin_id")).isEqualTo("pepe");
        assertThat(pepe.get("method")).isEqualTo("market-cap-rank");
        assertThat((String) pepe.get("detail")).containsPattern("pepe \\(#\\d+\\) ranks above pepe-2 \\(#\\d+\\), based-pepe \\(unranked\\)");
    }

    @Test
    void multiplierTokensMapToTheirCoinWithTheMultiplier() {
        Map<String, Long> expected = Map.of("1000PEPE", 1000L, "10000SATS", 10_000L, "1000000MOG", 1_000_000L, "SHIB1000", 1000L,
                "BTC", 1L);
        Map<String, String> coins = Map.of("1000PEPE", "pepe", "10000SATS", "sats-ordinals", "1000000MOG", "mog-coin",
                "SHIB1000", "shiba-inu", "BTC", "bitcoin");
        expected.forEach((asset, multiplier) -> {
            Map<String, Object> row = mapping(asset);
            assertThat(row.get("coin_id")).as(asset).isEqualTo(coins.get(asset));
            assertThat(((Number) row.get("multiplier")).longValue()).as(asset).isEqualTo(multiplier);
        });
        assertThat((String) mapping("10000SATS").get("detail")).contains("one 10000SATS is 10000 SATS");
        assertThat(mapping("BTC").get("method")).isEqualTo("unique-symbol");
    }

    @Test
    void overridesWinAndAnOverrideOfAnUnknownCoinIsReported() {
        Map<String, Object> wbtc = mapping("WBTC");
        assertThat(wbtc.get("coin_id")).as("the only coin with the symbol wbtc is wrapped-bitcoin").isEqualTo("bitcoin");
        assertThat(wbtc.get("method")).isEqualTo("override");
        assertThat((String) wbtc.get("detail")).contains("coinwatch.fundamental.mapping.overrides.WBTC");

        Map<String, Object> nope = mapping("NOPECOIN");
        assertThat(nope.get("coin_id")).isNull();
        assertThat((String) nope.get("detail")).isEqualTo(
                "override 'no-such-coin' (coinwatch.fundamental.mapping.overrides.NOPECOIN) is not a CoinGecko coin id");
    }

    @Test
    void anAssetWithoutCandidateIsListedUnmappedWithTheReason() {
        Map<String, Object> none = mapping("ZZNOCOIN");
        assertThat(none.get("coin_id")).isNull();
        assertThat(none.get("method")).isEqualTo("unmapped");
        assertThat(none.get("detail")).isEqualTo("no CoinGecko coin has the symbol 'zznocoin'");

        JsonNode unmapped = api().getOk("/api/v1/fundamental/mapping?exchange=" + FX + "&status=unmapped").get("mappings");
        assertThat(unmapped.findValuesAsText("baseAsset")).containsExactlyInAnyOrder("NOPECOIN", "ZZNOCOIN");
        assertThat(unmapped.findValuesAsText("status")).containsOnly("unmapped");
        assertThat(unmapped.findValuesAsText("detail")).contains("no CoinGecko coin has the symbol 'zznocoin'");

        JsonNode error = api().assertError("GET", "/api/v1/fundamental/metadata/ZZNOCOINUSDT?exchange=" + FX, 404, "not_mapped");
        assertThat(error.get("message").asText()).contains("no CoinGecko coin has the symbol 'zznocoin'");
    }

    @Test
    void theMonthlyBudgetIsKeptInTheDatabaseAcrossARestart() {
        String name = "coingecko-test-" + UUID.randomUUID();
        MonthlyCallBudget before = new MonthlyCallBudget(jdbc, name, 5, Clock.systemUTC());
        before.spend();
        before.spend();
        before.spend();

        MonthlyCallBudget afterRestart = new MonthlyCallBudget(jdbc, name, 5, Clock.systemUTC());
        assertThat(afterRestart.used()).isEqualTo(3);
        afterRestart.spend();
        afterRestart.spend();
        assertThatThrownBy(afterRestart::spend).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.QUOTA_EXHAUSTED));
        assertThat(before.used()).isEqualTo(5);

        // A new month starts from zero.
        MonthlyCallBudget nextMonth = new MonthlyCallBudget(jdbc, name, 5,
                Clock.fixed(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        assertThat(nextMonth.used()).isZero();
        nextMonth.spend();
        assertThat(nextMonth.used()).isEqualTo(1);
        jdbc.update("DELETE FROM api_call_budget WHERE budget = ?", name);
    }

    @Test
    void noCallGoesOutOnceTheMonthsBudgetIsUsedUp() {
        Date month = Date.valueOf(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
        Integer used = jdbc.queryForObject("SELECT calls FROM api_call_budget WHERE budget = 'coingecko' AND month = ?", Integer.class, month);
        assertThat(used).as("the runs so far were counted").isPositive();
        jdbc.update("UPDATE api_call_budget SET calls = 10000 WHERE budget = 'coingecko' AND month = ?", month);
        try {
            long coingeckoCalls = coingeckoRequests();
            Instant started = Instant.now();
            camel.sendBody("direct:market-metrics", null);
            assertThat(coingeckoRequests()).as("requests sent to CoinGecko").isEqualTo(coingeckoCalls);
            JsonNode event = awaitEvent("market-metrics", started);
            assertThat(event.get("complete").asBoolean()).isFalse();
            assertThat(event.get("error").asText()).contains("monthly budget of 10000 calls used up");
        } finally {
            jdbc.update("UPDATE api_call_budget SET calls = ? WHERE budget = 'coingecko' AND month = ?", used, month);
        }
    }

    @Test
    void a429IsWaitedOutAndRetriedWithNothingLost() {
        simulator.faults().failNext(2, ResponseFault.throttle(Duration.ofSeconds(1)), RequestMatch.path(MARKETS));
        Instant started = Instant.now();
        camel.sendBody("direct:market-metrics", null);
        Duration took = Duration.between(started, Instant.now());

        List<Integer> statuses = simulator.requestLog().entriesBetween(started, Instant.now()).stream()
                .filter(e -> e.path().equals(MARKETS)).map(RequestLog.Entry::status).toList();
        assertThat(statuses).startsWith(429, 429, 200);
        assertThat(took).as("each Retry-After of 1 s was waited out").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        Timestamp run = jdbc.queryForObject("SELECT max(collected_at) FROM coin_market_snapshot", Timestamp.class);
        assertThat(run.toInstant()).isAfter(started.minusSeconds(1));
        assertThat(jdbc.queryForList("SELECT coin_id FROM coin_market_snapshot WHERE collected_at = ? ORDER BY 1", String.class, run))
                .isEqualTo(mappings.collectedCoins());
    }

    @Test
    void everyRunAddsASnapshotAndPublishesWhatItCollected() {
        int before = snapshots("bitcoin");
        Instant started = Instant.now();
        camel.sendBody("direct:market-metrics", null);
        camel.sendBody("direct:market-metrics", null);
        assertThat(snapshots("bitcoin")).isEqualTo(before + 2);

        JsonNode event = awaitEvent("market-metrics", started);
        assertThat(event.get("complete").asBoolean()).isTrue();
        assertThat(event.get("source").asText()).isEqualTo("coingecko");
        assertThat(StreamSupport.stream(event.get("coins").spliterator(), false).map(JsonNode::asText))
                .contains("bitcoin", "pepe", "solana");

        JsonNode latest = api().getOk("/api/v1/fundamental/metrics/BTCUSDT?exchange=" + FX);
        assertThat(latest.get("coinId").asText()).isEqualTo("bitcoin");
        long latestAt = latest.get("metrics").get("collectedAt").asLong();
        assertThat(latestAt).isEqualTo(jdbc.queryForObject("SELECT max(collected_at) FROM coin_market_snapshot WHERE coin_id = 'bitcoin'",
                Timestamp.class).getTime());

        JsonNode history = api().getOk("/api/v1/fundamental/metrics/BTC?exchange=" + FX + "&history=true").get("history");
        assertThat(history).hasSize(before + 2);
        List<Long> times = StreamSupport.stream(history.spliterator(), false).map(h -> h.get("collectedAt").asLong()).toList();
        assertThat(times).isSorted().last().isEqualTo(latestAt);
        JsonNode window = api().getOk("/api/v1/fundamental/metrics/BTC?exchange=" + FX + "&history=true&start=" + times.get(1)
                + "&end=" + latestAt + "&limit=1").get("history");
        assertThat(window).hasSize(1);
        assertThat(window.get(0).get("collectedAt").asLong()).isEqualTo(latestAt);
    }

    @Test
    void valuesAreStoredAsSentNegativesStayNegativeAndNullsStayNull() throws IOException {
        camel.sendBody("direct:market-metrics", null);
        List<String> coins = mappings.collectedCoins();
        JsonNode rows = DECIMALS.readTree(simulatorGet(MARKETS + "?vs_currency=usd&per_page=250&ids=" + String.join(",", coins)));
        int negatives = 0;
        int nulls = 0;
        for (JsonNode row : rows) {
            String coin = row.get("id").asText();
            Map<String, Object> stored = jdbc.queryForMap("SELECT * FROM coin_market_snapshot WHERE coin_id = ? ORDER BY collected_at DESC LIMIT 1", coin);
            for (String field : MarketMetricsStore.NUMBERS) {
                JsonNode sent = row.get(field);
                if (sent.isNull()) {
                    assertThat(stored.get(field)).as(coin + " " + field).isNull();
                    nulls++;
                } else {
                    assertThat((BigDecimal) stored.get(field)).as(coin + " " + field).isEqualByComparingTo(sent.decimalValue());
                    negatives += sent.decimalValue().signum() < 0 && field.startsWith("price_change") ? 1 : 0;
                }
            }
        }
        assertThat(negatives).as("negative changes compared").isPositive();
        assertThat(nulls).as("missing values compared").isPositive();

        String negativeCoin = jdbc.queryForObject("""
                SELECT m.base_asset FROM coin_mapping m JOIN coin_market_snapshot s ON s.coin_id = m.coin_id
                WHERE m.exchange = ? AND m.active AND s.price_change_24h < 0 ORDER BY 1 LIMIT 1""", String.class, FX);
        JsonNode metrics = api().getOk("/api/v1/fundamental/metrics/" + negativeCoin + "?exchange=" + FX).get("metrics");
        assertThat(metrics.get("priceChange24h").decimalValue().signum()).isNegative();
        assertThat(metrics.get("priceChangePercentage24h").decimalValue().signum()).isNegative();
        String nullSupplyCoin = jdbc.queryForObject("""
                SELECT m.base_asset FROM coin_mapping m JOIN coin_market_snapshot s ON s.coin_id = m.coin_id
                WHERE m.exchange = ? AND m.active AND s.max_supply IS NULL ORDER BY 1 LIMIT 1""", String.class, FX);
        JsonNode withNull = api().getOk("/api/v1/fundamental/metrics/" + nullSupplyCoin + "?exchange=" + FX).get("metrics");
        assertThat(withNull.has("maxSupply")).isTrue();
        assertThat(withNull.get("maxSupply").isNull()).isTrue();
    }

    @Test
    void theWeeklyRunRefreshesTheMetadataOfEveryCollectedCoin() {
        Timestamp fetched = jdbc.queryForObject("SELECT fetched_at FROM coin_metadata WHERE coin_id = 'pepe'", Timestamp.class);
        Instant started = Instant.now();
        camel.sendBody("direct:coin-metadata", null);
        assertThat(jdbc.queryForObject("SELECT fetched_at FROM coin_metadata WHERE coin_id = 'pepe'", Timestamp.class)).isAfter(fetched);
        assertThat(jdbc.queryForList("SELECT coin_id FROM coin_metadata WHERE fetched_at >= ? ORDER BY 1", String.class,
                Timestamp.from(started.minusSeconds(1)))).containsAll(mappings.collectedCoins());
        assertThat(awaitEvent("metadata", started).get("coins")).hasSize(mappings.collectedCoins().size());

        JsonNode pepe = api().getOk("/api/v1/fundamental/metadata/1000PEPEUSDT?exchange=" + FX);
        assertThat(pepe.get("coinId").asText()).isEqualTo("pepe");
        assertThat(pepe.get("multiplier").asLong()).isEqualTo(1000);
        assertThat(pepe.get("name").asText()).isEqualTo("Pepe");
        assertThat(pepe.get("description").asText()).isNotBlank();
        assertThat(pepe.get("categories").isArray()).isTrue();
        assertThat(pepe.get("assetPlatformId").asText()).isEqualTo("ethereum");
        assertThat(pepe.get("platforms").get(0).get("platform").asText()).isEqualTo("ethereum");
        assertThat(pepe.get("platforms").get(0).get("contractAddress").asText()).matches("0x[0-9a-f]{40}");
        assertThat(pepe.get("images").get("large").asText()).startsWith("https://");
        assertThat(pepe.get("links").get("homepage").asText()).isEqualTo("https://pepe.org");
        JsonNode bitcoin = api().getOk("/api/v1/fundamental/metadata/btc?exchange=" + FX);
        assertThat(bitcoin.get("platforms")).isEmpty();
        assertThat(bitcoin.get("hashingAlgorithm").isTextual()).isTrue();
        assertThat(bitcoin.get("marketCapRank").asInt()).isEqualTo(1);
    }

    @Test
    void redditPostsOfTheCoinsSubredditAreScoredAndADisabledSourceSaysNotConfigured() throws IOException {
        Instant started = Instant.now();
        camel.sendBody("direct:sentiment", null);

        Map<String, Object> withSub = jdbc.queryForMap("""
                SELECT m.base_asset, d.subreddit_url FROM coin_mapping m JOIN coin_metadata d ON d.coin_id = m.coin_id
                WHERE m.exchange = ? AND m.active AND d.subreddit_url IS NOT NULL ORDER BY 1 LIMIT 1""", FX);
        String sub = ((String) withSub.get("subreddit_url")).replaceAll(".*/r/([^/]+)/?$", "$1");
        JsonNode sources = api().getOk("/api/v1/fundamental/sentiment/" + withSub.get("base_asset") + "?exchange=" + FX).get("sources");
        JsonNode reddit = source(sources, "reddit");
        assertThat(reddit.get("status").asText()).isEqualTo("ok");
        assertThat(reddit.get("handle").asText()).isEqualTo(sub);
        assertThat(reddit.get("samples").asInt()).as("posts of the last 24 hours").isEqualTo(27);
        assertThat(reddit.get("details").get("read").asInt()).isEqualTo(40);
        assertThat(reddit.get("score").asDouble()).isCloseTo(expectedScore(sub, started), within(0.0002));

        JsonNode twitter = source(sources, "twitter");
        assertThat(twitter.get("status").asText()).isEqualTo("not configured");
        assertThat(twitter.get("reason").asText()).contains("RapidAPI");
        assertThat(twitter.has("score")).isFalse();

        String withoutSub = jdbc.queryForObject("""
                SELECT m.base_asset FROM coin_mapping m JOIN coin_metadata d ON d.coin_id = m.coin_id
                WHERE m.exchange = ? AND m.active AND d.subreddit_url IS NULL ORDER BY 1 LIMIT 1""", String.class, FX);
        assertThat(source(api().getOk("/api/v1/fundamental/sentiment/" + withoutSub + "?exchange=" + FX).get("sources"), "reddit")
                .get("status").asText()).isEqualTo("no handle");
        assertThat(awaitEvent("sentiment", started).get("coins").toString()).contains("reddit:");
    }

    @Test
    void symbolAddedFromTheMarketDataFlowLeadsToAMapping() throws IOException {
        // A symbol the simulated Bybit lists, stored exactly as discovery stores it, so market data backfills it as usual.
        JsonNode link = DECIMALS.readTree(simulatorGet("/v5/market/instruments-info?category=linear&symbol=LINKUSDT"))
                .get("result").get("list").get(0);
        long launch = link.get("launchTime").asLong();
        TestSymbols.ensure(jdbc, "LINK", launch);
        jdbc.update("DELETE FROM coin_mapping WHERE exchange = 'bybit' AND base_asset = 'LINK'");
        jdbc.update("DELETE FROM coin_metadata WHERE coin_id = 'chainlink'");

        Map<String, Object> data = new HashMap<>();
        data.put("exchange", "bybit");
        data.put("symbol", "LINKUSDT");
        data.put("baseAsset", "LINK");
        data.put("quoteAsset", "USDT");
        data.put("status", "Trading");
        data.put("launchTime", launch);
        outbox.publish(EventTypes.SYMBOL_ADDED, data);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT coin_id FROM coin_mapping WHERE exchange = 'bybit' AND base_asset = 'LINK'", String.class).contains("chainlink"));
        await("metadata fetched at once for the new coin").atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM coin_metadata WHERE coin_id = 'chainlink'", Integer.class) == 1);
        assertThat(api().getOk("/api/v1/fundamental/metadata/LINKUSDT").get("name").asText()).isEqualTo("Chainlink");
    }

    @Test
    void aDelistedAssetStopsItsCoinsCollectionUnlessAnotherMapsToItAndKeepsItsHistory() {
        camel.sendBody("direct:market-metrics", null);
        int satsHistory = snapshots("sats-ordinals");
        assertThat(satsHistory).isPositive();
        Instant started = Instant.now();

        delist("10000SATSUSDT", "10000SATS");
        delist("WBTCUSDT", "WBTC");
        await().atMost(Duration.ofSeconds(30)).until(() -> !(Boolean) mapping("10000SATS").get("active") && !(Boolean) mapping("WBTC").get("active"));
        assertThat(mappings.collectedCoins()).doesNotContain("sats-ordinals").as("BTC still maps to it").contains("bitcoin");
        // The mapping side learns each delisting from its own event (fundamental_symbol), so one run or two report it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(field(events("coin-mapping", started), "deactivated"))
                .contains(FX + ":10000SATS", FX + ":WBTC"));
        assertThat(field(events("coin-mapping", started), "stopped")).contains("sats-ordinals").doesNotContain("bitcoin");

        int bitcoinHistory = snapshots("bitcoin");
        camel.sendBody("direct:market-metrics", null);
        assertThat(snapshots("sats-ordinals")).as("no longer collected, history kept").isEqualTo(satsHistory);
        assertThat(snapshots("bitcoin")).isEqualTo(bitcoinHistory + 1);
        assertThat(api().getOk("/api/v1/fundamental/metrics/10000SATS?exchange=" + FX + "&history=true").get("history")).hasSize(satsHistory);
    }

    @Test
    void theApiAnswersErrorsInTheContract() {
        JsonNode all = api().getOk("/api/v1/fundamental/mapping").get("mappings");
        JsonNode btc = StreamSupport.stream(all.spliterator(), false)
                .filter(m -> m.get("exchange").asText().equals(FX) && m.get("baseAsset").asText().equals("BTC")).findFirst().orElseThrow();
        for (String field : List.of("exchange", "baseAsset", "status", "coinId", "multiplier", "method", "detail", "active", "decidedAt")) {
            assertThat(btc.has(field)).as(field).isTrue();
        }
        api().assertError("GET", "/api/v1/fundamental/mapping?status=maybe", 400, "invalid_status");
        api().assertError("GET", "/api/v1/fundamental/mapping?exchange=no-such-exchange", 400, "invalid_exchange");
        api().assertError("GET", "/api/v1/fundamental/metadata/BTC?exchange=Not_An_Exchange", 400, "invalid_exchange");
        api().assertError("GET", "/api/v1/fundamental/metadata/BTC-USDT?exchange=" + FX, 400, "invalid_symbol");
        api().assertError("GET", "/api/v1/fundamental/metadata/NOSUCHCOIN?exchange=" + FX, 404, "unknown_symbol");
        api().assertError("GET", "/api/v1/fundamental/sentiment/NOSUCHCOIN?exchange=" + FX, 404, "unknown_symbol");
        api().assertError("GET", "/api/v1/fundamental/metrics/BTC?exchange=" + FX + "&history=maybe", 400, "invalid_history");
        api().assertError("GET", "/api/v1/fundamental/metrics/BTC?exchange=" + FX + "&start=5", 400, "invalid_params");
        api().assertError("GET", "/api/v1/fundamental/metrics/BTC?exchange=" + FX + "&history=true&start=10&end=5", 400, "invalid_range");
        api().assertError("GET", "/api/v1/fundamental/metrics/BTC?exchange=" + FX + "&history=true&limit=0", 400, "invalid_limit");
        api().assertError("GET", "/api/v1/fundamental/metrics/BTC?exchange=" + FX + "&history=true&end=x", 400, "invalid_end");

        jdbc.update("DELETE FROM coin_market_snapshot WHERE coin_id = 'mog-coin'");
        api().assertError("GET", "/api/v1/fundamental/metrics/1000000MOGUSDT?exchange=" + FX, 404, "no_data");
        jdbc.update("DELETE FROM coin_metadata WHERE coin_id = 'mog-coin'");
        api().assertError("GET", "/api/v1/fundamental/metadata/1000000MOG?exchange=" + FX, 404, "no_data");
        mapAll(); // the metadata and first snapshot come back for a coin without metadata

        JsonNode paths = api().getOk("/api/v1/openapi.json").get("paths");
        assertThat(paths.has("/fundamental/mapping")).isTrue();
        assertThat(paths.get("/fundamental/metrics/{symbol}").get("get").get("parameters").toString())
                .contains("\"history\"").contains("\"start\"").contains("\"exchange\"");
        assertThat(paths.has("/fundamental/sentiment/{symbol}")).isTrue();
        assertThat(paths.has("/fundamental/metadata/{symbol}")).isTrue();
    }

    // ---- helpers ----

    private void mapAll() {
        camel.sendBodyAndHeader("direct:coin-mapping", null, CoinMappingRoutes.SCOPE, "all");
    }

    private void delist(String symbol, String asset) {
        jdbc.update("UPDATE symbol SET active = false, delisted_at = now() WHERE exchange = ? AND symbol = ?", FX, symbol);
        outbox.publish(EventTypes.SYMBOL_DELISTED, Map.of("exchange", FX, "symbol", symbol, "baseAsset", asset));
    }

    /** Waits until no symbol event is on its way to the fundamental-data consumer and no run it started is going on. */
    private void quiesce() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE routing_key LIKE 'symbol.%'", Integer.class) == 0
                        && amqp.getQueueInfo("fundamental-data.symbols").getMessageCount() == 0
                        && context.getInflightRepository().size("fundamental-symbols-consumer") == 0);
    }

    private Map<String, Object> mapping(String asset) {
        return jdbc.queryForMap("SELECT * FROM coin_mapping WHERE exchange = ? AND base_asset = ?", FX, asset);
    }

    private int snapshots(String coinId) {
        return jdbc.queryForObject("SELECT count(*) FROM coin_market_snapshot WHERE coin_id = ?", Integer.class, coinId);
    }

    private long coingeckoRequests() {
        return simulator.requestLog().entries().stream().filter(e -> e.path().startsWith("/api/v3/coins")).count();
    }

    /** The first fundamental.updated of this run kind the monitor stored since the given time. */
    private JsonNode awaitEvent(String run, Instant since) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.clear();
            found.addAll(events(run, since));
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** The fundamental.updated events of the runs of this kind started since then, as the monitor stored them. */
    private List<JsonNode> events(String run, Instant since) {
        return jdbc.queryForList("""
                SELECT data::text FROM monitor_event WHERE type = 'fundamental.updated' AND data->>'run' = ?
                AND (data->>'startedAt')::bigint >= ? ORDER BY id""", String.class, run, since.toEpochMilli() - 1).stream()
                .map(data -> {
                    try {
                        return DECIMALS.readTree(data);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    /** One field of every event, side by side. */
    private static String field(List<JsonNode> events, String name) {
        return events.stream().map(e -> e.path(name).toString()).collect(java.util.stream.Collectors.joining(" "));
    }

    /** The score the documented method gives the subreddit's posts of the last 24 hours. */
    private double expectedScore(String sub, Instant at) throws IOException {
        JsonNode children = DECIMALS.readTree(simulatorGet("/r/" + sub + "/new.json?limit=100")).get("data").get("children");
        double weighted = 0;
        double weights = 0;
        for (JsonNode child : children) {
            JsonNode post = child.get("data");
            if (post.get("created_utc").asDouble() * 1000 >= at.minus(Duration.ofHours(24)).toEpochMilli()) {
                double weight = 1 + Math.log(1 + post.get("score").asLong());
                weighted += LexiconScorer.textScore(post.get("title").asText()) * weight;
                weights += weight;
            }
        }
        return weighted / weights;
    }

    private static JsonNode source(JsonNode sources, String name) {
        return StreamSupport.stream(sources.spliterator(), false).filter(s -> s.get("source").asText().equals(name)).findFirst().orElseThrow();
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private String simulatorGet(String pathAndQuery) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
