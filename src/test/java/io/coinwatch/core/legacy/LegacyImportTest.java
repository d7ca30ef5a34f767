package io.coinwatch.core.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.EnvelopeCodec;
import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.MarketSymbol;
import io.coinwatch.marketdata.SymbolCatalog;
import io.coinwatch.marketdata.SymbolCollection;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.BackfilledMarket;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.EventProbe;

/**
 * The import of the Python Coinwatch's database, against its schema in a scratch database filled with the faults its
 * data has: a duplicated symbol row, a candle with high below low, one with a missing value, a symbol without launch
 * time, float-era values, rows whose reference was rejected, a sentiment score out of range, and the clamped negative
 * price change. Then a crash mid-import and its resume, a second run, and the backfill taking over.
 */
@CoinwatchIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyImportTest {

    private static final long STEP = CandleInterval.BASE_MILLIS;
    private static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private static final long T1 = Instant.parse("2024-03-02T00:00:00Z").toEpochMilli();
    private static final String KLINES = "market_data.kline_data";
    private static final String SYMBOLS = "market_data.symbols";
    private static final String LGCY_CANDLES = """
            SELECT count(*) FROM candle c JOIN symbol s ON s.id = c.symbol_id WHERE s.symbol LIKE 'LGCY%' OR s.symbol = '1000LGCYCUSDT'""";

    @Autowired JdbcTemplate jdbc;
    @Autowired ProducerTemplate camel;
    @Autowired CamelContext camelContext;
    @Autowired SymbolCatalog symbols;
    @Autowired SymbolCollection collection;
    @Autowired EventProbe events;
    @Autowired EnvelopeCodec codec;
    @Autowired LegacyImport legacyImport;
    @Autowired LegacyImportProperties properties;
    @LocalServerPort int port;
    @Value("${spring.datasource.url}") String coinwatchUrl;
    @Value("${spring.datasource.username:postgres}") String dbUser;
    @Value("${spring.datasource.password:}") String dbPassword;

    private static LegacyDatabase legacy;
    private static MarketSymbol simulated;
    private static int simulatedCandles;
    private static long simulatedFirst;
    private static long holeStart;
    private static String originalUrl;
    private static int originalPageSize;

    /** Once, before the first test: Camel starts with the first test method, after the class callbacks. */
    @BeforeEach
    void createLegacyDatabase() {
        if (legacy != null) {
            return;
        }
        BackfilledMarket.ensure(camel, jdbc);
        // The coin mapping runs that discovery's symbol events start must be over, or one of them could re-decide the
        // imported assets between the import's symbols and its mappings (as the daily run would, later, by design);
        // so must the enrichment their fundamental.updated starts (runs and enrichment batched: the quiet spell covers both), whose collection scope would
        // request a backfill of the simulated symbol before the import brings its history.
        await().atMost(Duration.ofSeconds(90)).during(Duration.ofSeconds(6)).until(() ->
                camelContext.getInflightRepository().size("fundamental-symbols-consumer") == 0
                        && camelContext.getInflightRepository().size("coin-mapping") == 0
                        && camelContext.getInflightRepository().size("symbol-enrichment-consumer") == 0
                        && camelContext.getInflightRepository().size("symbol-enrichment") == 0);
        // A symbol the simulator lists, so its backfill can continue from the exchange. This test leaves it complete, as
        // the one other test that uses it (MarketStreamTest) needs it.
        simulated = BackfilledMarket.oldest(symbols, 10);
        BackfilledMarket.resetBackfill(jdbc, simulated);
        jdbc.update("DELETE FROM candle_gap WHERE symbol_id = ?", simulated.id());
        coinwatch = jdbc;
        settings = properties;
        originalUrl = properties.getUrl();
        originalPageSize = properties.getPageSize();
        legacy = new LegacyDatabase(jdbc, coinwatchUrl, dbUser, dbPassword);
        fill(legacy.jdbc());
    }

    private static JdbcTemplate coinwatch;
    private static LegacyImportProperties settings;

    @AfterAll
    static void dropLegacyDatabase() {
        if (settings == null) {
            return;
        }
        settings.setUrl(originalUrl);
        settings.setPageSize(originalPageSize);
        // Not listed by any exchange: discovery would delist them; nothing should try to backfill them meanwhile.
        coinwatch.update("UPDATE symbol SET active = false, delisted_at = now() WHERE symbol IN ('LGCYAUSDT', 'LGCYBUSDT', '1000LGCYCUSDT')");
        if (legacy != null) {
            legacy.close();
        }
    }

    @Test
    @Order(1)
    void aWrongSourceIsAClearErrorAndWritesNothing() {
        use("jdbc:postgresql://127.0.0.1:1/coinwatch");
        assertThat(runToEnd().get("error").asText()).startsWith("cannot connect to the legacy database at jdbc:postgresql://127.0.0.1:1/coinwatch");

        use(coinwatchUrl); // Coinwatch's own database: a PostgreSQL, but not the legacy schema
        assertThat(runToEnd().get("error").asText()).startsWith("not the legacy Coinwatch schema");

        try (LegacyDatabase incomplete = new LegacyDatabase(jdbc, coinwatchUrl, dbUser, dbPassword)) {
            fill(incomplete.jdbc());
            incomplete.jdbc().execute("DROP TABLE fundamental_data.token_sentiment; ALTER TABLE market_data.kline_data DROP COLUMN turnover");
            use(incomplete.url());
            JsonNode report = runToEnd();
            assertThat(report.get("status").asText()).isEqualTo("failed");
            assertThat(report.get("error").asText()).isEqualTo("legacy schema incomplete: missing tables [fundamental_data.token_sentiment], "
                    + "missing columns [market_data.kline_data.turnover]; nothing was imported");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM legacy_import_progress", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM symbol WHERE symbol LIKE '%LGCY%'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM coin_metadata WHERE coin_id LIKE 'lgcy%'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ?", Integer.class, simulated.id())).isZero();
    }

    @Test
    @Order(2)
    void importsEveryTableResumesAfterACrashAndASecondRunWritesNothingNew() throws Exception {
        use(legacy.url());
        properties.setPageSize(100);
        AtomicInteger pages = new AtomicInteger();
        AtomicInteger crashAt = new AtomicInteger(6);
        CountDownLatch conflictChecked = new CountDownLatch(1);
        AdviceWith.adviceWith(camelContext, "legacy-kline-page", a -> a.weaveAddFirst().process(e -> {
            int page = pages.incrementAndGet();
            if (page == 1) {
                // Holds the run until the test has seen the 409 of a second start.
                conflictChecked.await(30, TimeUnit.SECONDS);
            }
            if (page == crashAt.get()) {
                throw new IllegalStateException("simulated crash at kline page " + crashAt.get());
            }
        }));
        camelContext.getRouteController().startRoute("legacy-kline-page");

        ApiClient api = new ApiClient(port);
        events.clear();
        long auditBefore = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM audit_log", Long.class);
        assertThat(api.send("POST", "/api/v1/system/legacy-import").statusCode()).isEqualTo(202);
        api.assertError("POST", "/api/v1/system/legacy-import", 409, "import_running");
        conflictChecked.countDown();
        // Both starts are in the audit trail, the refused one with why.
        assertThat(jdbc.queryForList("SELECT outcome FROM audit_log WHERE operation = 'legacy-import.start' AND id > ? ORDER BY id",
                String.class, auditBefore)).satisfiesExactly(
                        first -> assertThat(first).isEqualTo("succeeded"),
                        second -> assertThat(second).startsWith("failed: A legacy import is already running"));
        JsonNode crashed = awaitEnd(api);
        assertThat(crashed.get("status").asText()).isEqualTo("failed");
        assertThat(crashed.get("error").asText()).isEqualTo("IllegalStateException: simulated crash at kline page 6");
        JsonNode klinesAtCrash = table(crashed, KLINES);
        assertThat(klinesAtCrash.get("status").asText()).isEqualTo("failed");
        assertThat(klinesAtCrash.get("rowsRead").asLong()).isEqualTo(500);
        assertThat(table(crashed, SYMBOLS).get("status").asText()).isEqualTo("done");
        assertThat(table(crashed, "fundamental_data.token_metadata").get("rowsRead").asLong()).isZero();
        // Everything the persisted progress says was written is stored, nothing more.
        assertThat(jdbc.queryForObject(LGCY_CANDLES, Long.class)).isEqualTo(klinesAtCrash.get("rowsWritten").asLong());
        // The symbols it added were announced as discovery announces them (symbol.added, once each): the fundamental
        // role's own symbol list learns them. The simulated symbol existed already: no event.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT symbol || '=' || base_asset FROM fundamental_symbol WHERE exchange = 'bybit' AND active AND symbol LIKE '%LGCY%'",
                String.class)).containsExactlyInAnyOrder("LGCYAUSDT=LGCYA", "LGCYBUSDT=LGCYB", "1000LGCYCUSDT=1000LGCYC"));
        assertThat(events.received().stream().filter("symbol.added"::equals)).hasSize(3);
        // Their candles are not all in: neither they nor the symbol whose history is still to come get a backfill from
        // the exchange (the collection scope runs on those very symbol.added events; here once more, explicitly).
        assertThat(collection.apply("bybit")).doesNotContain("LGCYAUSDT", "LGCYBUSDT", "1000LGCYCUSDT", simulated.symbol());

        crashAt.set(-1);
        // A failure inside a page's transaction (here: saving its progress) takes the page's candles and quarantined
        // rows with it: the rows of LGCYA from 701 on (one of them with high below low) are neither stored nor counted.
        jdbc.execute("""
                CREATE FUNCTION fail_legacy_page() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.source_table = 'market_data.kline_data' AND NEW.rows_read = 800 THEN
                        RAISE EXCEPTION 'simulated failure while saving kline page 8';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER fail_legacy_page BEFORE UPDATE ON legacy_import_progress FOR EACH ROW EXECUTE FUNCTION fail_legacy_page()""");
        JsonNode pageFailed;
        try {
            assertThat(api.send("POST", "/api/v1/system/legacy-import").statusCode()).isEqualTo(202);
            pageFailed = awaitEnd(api);
        } finally {
            jdbc.execute("DROP TRIGGER fail_legacy_page ON legacy_import_progress; DROP FUNCTION fail_legacy_page()");
        }
        assertThat(pageFailed.get("error").asText()).contains("simulated failure while saving kline page 8");
        assertThat(List.of(table(pageFailed, KLINES).get("rowsRead").asLong(), table(pageFailed, KLINES).get("rowsWritten").asLong()))
                .containsExactly(700L, 700L);
        assertThat(jdbc.queryForObject(LGCY_CANDLES, Long.class)).isEqualTo(700);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle_quarantine q JOIN symbol s ON s.id = q.symbol_id WHERE s.symbol = 'LGCYAUSDT'",
                Long.class)).isZero();

        assertThat(api.send("POST", "/api/v1/system/legacy-import").statusCode()).isEqualTo(202);
        JsonNode done = awaitEnd(api);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("error").isNull()).isTrue();
        long klinesRead = 1500 + 300 + 100 + 10 + simulatedCandles;
        assertCounts(done, SYMBOLS, 6, 3, 1, 2);
        assertCounts(done, KLINES, klinesRead, klinesRead - 112, 12, 100);
        assertCounts(done, "fundamental_data.token_metadata", 5, 4, 1, 0);
        assertCounts(done, "fundamental_data.token_platforms", 4, 3, 1, 0);
        assertCounts(done, "fundamental_data.token_market_metrics", 3, 3, 0, 0);
        assertCounts(done, "fundamental_data.token_sentiment", 3, 2, 1, 0);
        for (JsonNode t : done.get("tables")) {
            assertThat(t.get("percent").asDouble()).as(t.get("table").asText()).isEqualTo(100.0);
            assertThat(t.get("rowsTotal").asLong()).isEqualTo(t.get("rowsRead").asLong());
        }

        assertStoredRows();
        events.assertAllKeptTheContract();
        Map<String, Object> afterFirst = targetCounts();

        assertThat(api.send("POST", "/api/v1/system/legacy-import").statusCode()).isEqualTo(202);
        JsonNode again = awaitEnd(api);
        assertThat(again.get("status").asText()).isEqualTo("done");
        assertCounts(again, SYMBOLS, 6, 0, 1, 5);
        assertCounts(again, KLINES, klinesRead, 0, 12, klinesRead - 12);
        assertCounts(again, "fundamental_data.token_metadata", 5, 0, 1, 4);
        assertCounts(again, "fundamental_data.token_platforms", 4, 0, 1, 3);
        assertCounts(again, "fundamental_data.token_market_metrics", 3, 0, 0, 3);
        assertCounts(again, "fundamental_data.token_sentiment", 3, 0, 1, 2);
        assertThat(targetCounts()).isEqualTo(afterFirst);
    }

    @Test
    @Order(3)
    void theBackfillContinuesAfterTheLastImportedCandleAndTheGapAuditFillsTheHoles() {
        long lastImported = simulatedFirst + (simulatedCandles + 5 - 1) * STEP;
        Map<String, Object> progress = jdbc.queryForMap("SELECT * FROM backfill_progress WHERE symbol_id = ?", simulated.id());
        assertThat(progress.get("status")).isEqualTo("pending");
        assertThat(((Timestamp) progress.get("range_start")).getTime()).isEqualTo(simulated.launchTime());
        assertThat(((Timestamp) progress.get("next_open_time")).getTime()).isEqualTo(lastImported + STEP);

        // What backfill-resume sends for a pending backfill.
        camel.sendBody("direct:kline-backfill", BackfilledMarket.backfillRequest(codec, simulated));
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(
                jdbc.queryForObject("SELECT status FROM backfill_progress WHERE symbol_id = ?", String.class, simulated.id())));
        Map<String, Object> done = jdbc.queryForMap("SELECT * FROM backfill_progress WHERE symbol_id = ?", simulated.id());
        long rangeEnd = ((Timestamp) done.get("range_end")).getTime();
        // Only the candles after the imported history came from the exchange.
        assertThat(((Number) done.get("candles_written")).longValue()).isEqualTo((rangeEnd - lastImported) / STEP);
        assertThat(candleClose(simulated.id(), lastImported)).isEqualByComparingTo(legacyClose(6, lastImported));

        camel.sendBody("direct:gap-audit", null);
        List<Map<String, Object>> gaps = jdbc.queryForList(
                "SELECT gap_start, gap_end, status FROM candle_gap WHERE symbol_id = ? ORDER BY gap_start", simulated.id());
        assertThat(gaps).hasSize(2);
        assertThat(((Timestamp) gaps.get(0).get("gap_start")).getTime()).isEqualTo(simulated.launchTime());
        assertThat(((Timestamp) gaps.get(0).get("gap_end")).getTime()).isEqualTo(simulatedFirst - STEP);
        assertThat(((Timestamp) gaps.get(1).get("gap_start")).getTime()).isEqualTo(holeStart);
        assertThat(((Timestamp) gaps.get(1).get("gap_end")).getTime()).isEqualTo(holeStart + 4 * STEP);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM candle_gap WHERE symbol_id = ? AND status <> 'repaired'", Integer.class, simulated.id()) == 0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time <= ?", Long.class,
                simulated.id(), new Timestamp(rangeEnd))).isEqualTo((rangeEnd - simulated.launchTime()) / STEP + 1);
    }

    /** Symbols, candles, quarantine and fundamentals as stored, field by field against the legacy rows. */
    private void assertStoredRows() {
        Map<String, Object> a = jdbc.queryForMap("SELECT * FROM symbol WHERE exchange = 'bybit' AND symbol = 'LGCYAUSDT'");
        assertThat(a.get("base_asset")).isEqualTo("LGCYA");
        assertThat(a.get("quote_asset")).isEqualTo("USDT");
        assertThat(a.get("status")).isEqualTo("Trading");
        assertThat(a.get("active")).isEqualTo(true);
        assertThat(((Timestamp) a.get("launch_time")).getTime()).isEqualTo(T0);
        assertThat(json(a.get("trading_parameters"))).isEqualTo(json("""
                {"priceScale": 4, "tickSize": "0.0001", "qtyStep": "0.1", "maxQty": "1000000", "minNotional": "5", "maxLeverage": "25",
                 "fundingIntervalMinutes": 480}"""));
        // No launch time in the legacy row: its first candle's open time.
        assertThat(jdbc.queryForObject("SELECT launch_time FROM symbol WHERE symbol = 'LGCYBUSDT'", Timestamp.class).getTime()).isEqualTo(T1);
        Map<String, Object> c = jdbc.queryForMap("SELECT * FROM symbol WHERE symbol = '1000LGCYCUSDT'");
        assertThat(c.get("base_asset")).isEqualTo("1000LGCYC");
        assertThat(jdbc.queryForObject("SELECT reason FROM legacy_import_rejected WHERE source_table = ? AND source_key = '4'",
                String.class, SYMBOLS)).isEqualTo("name 'bad-name' is not an exchange symbol (A-Z, 0-9)");

        int aId = ((Number) a.get("id")).intValue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ?", Integer.class, aId)).isEqualTo(1498);
        List<Map<String, Object>> quarantined = jdbc.queryForList(
                "SELECT open_time, reason FROM candle_quarantine WHERE symbol_id = ? ORDER BY open_time", aId);
        assertThat(quarantined).hasSize(2);
        assertThat(quarantined.get(0).get("open_time")).isEqualTo(T0 + 700 * STEP);
        assertThat(quarantined.get(0).get("reason")).isEqualTo("high 90.00000000 below low 106.00000000");
        assertThat(quarantined.get(1).get("open_time")).isEqualTo(T0 + 900 * STEP);
        assertThat(quarantined.get(1).get("reason")).isEqualTo("volume missing");
        // A sample of candles, every value against the legacy row; the float-era ones of LGCYB among them.
        int bId = jdbc.queryForObject("SELECT id FROM symbol WHERE symbol = 'LGCYBUSDT'", Integer.class);
        int compared = 0;
        for (Object[] sample : List.of(new Object[] {1, aId, 0}, new Object[] {1, aId, 97}, new Object[] {1, aId, 1499},
                new Object[] {2, bId, 0}, new Object[] {2, bId, 150}, new Object[] {2, bId, 299},
                new Object[] {6, simulated.id(), 0})) {
            int legacyId = (int) sample[0];
            long openTime = (legacyId == 1 ? T0 : legacyId == 2 ? T1 : simulatedFirst) + (int) sample[2] * STEP;
            Map<String, Object> old = legacy.jdbc().queryForMap("""
                    SELECT open_price, high_price, low_price, close_price, volume, turnover FROM market_data.kline_data
                    WHERE symbol_id = ? AND "timestamp" = ?""", legacyId, new Timestamp(openTime));
            Map<String, Object> now = jdbc.queryForMap("""
                    SELECT open AS open_price, high AS high_price, low AS low_price, close AS close_price, volume, turnover FROM candle
                    WHERE symbol_id = ? AND interval_minutes = 5 AND open_time = ?""", sample[1], new Timestamp(openTime));
            for (String column : old.keySet()) {
                assertThat((BigDecimal) now.get(column)).as(column + " at " + openTime).isEqualByComparingTo((BigDecimal) old.get(column));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(42);
        assertThat(candleClose(bId, T1)).isEqualByComparingTo("0.00001235");
        assertThat(jdbc.queryForObject("SELECT volume FROM candle WHERE symbol_id = ? AND open_time = ?", BigDecimal.class, bId,
                new Timestamp(T1))).isEqualByComparingTo("123456789.123457");

        Map<String, Object> meta = jdbc.queryForMap("SELECT * FROM coin_metadata WHERE coin_id = 'lgcya-coin'");
        assertThat(meta.get("symbol")).isEqualTo("lgcya");
        assertThat(meta.get("name")).isEqualTo("Legacy A");
        assertThat(meta.get("description")).isEqualTo("The first legacy coin.");
        assertThat(meta.get("categories").toString()).isEqualTo("[\"Layer 1 (L1)\", \"Smart Contract Platform\"]");
        assertThat(meta.get("genesis_date").toString()).isEqualTo("2020-05-01");
        assertThat(meta.get("hashing_algorithm")).isEqualTo("SHA-256");
        assertThat(meta.get("homepage")).isEqualTo("https://lgcya.example");
        assertThat(meta.get("subreddit_url")).isEqualTo("https://www.reddit.com/r/lgcya");
        assertThat(meta.get("twitter_screen_name")).isEqualTo("lgcya");
        assertThat(meta.get("image_large")).isEqualTo("https://img.example/lgcya/large.png");
        assertThat(meta.get("market_cap_rank")).isEqualTo(42);
        assertThat(((Timestamp) meta.get("fetched_at")).toInstant()).isEqualTo(Instant.parse("2024-12-20T10:00:00Z"));
        assertThat(jdbc.queryForObject("SELECT market_cap_rank FROM coin_metadata WHERE coin_id = 'lgcyb-coin'", Integer.class)).isNull();
        assertThat(jdbc.queryForList("SELECT platform_id || '=' || contract_address FROM coin_platform WHERE coin_id = 'lgcya-coin' ORDER BY 1",
                String.class)).containsExactly("binance-smart-chain=0xdef", "ethereum=0xabc");
        assertThat(jdbc.queryForObject("SELECT reason FROM legacy_import_rejected WHERE source_key = 'broken-coin/ethereum'", String.class))
                .isEqualTo("its token is not in coin_metadata");
        assertThat(jdbc.queryForList("SELECT base_asset || '=' || coin_id || ' x' || multiplier || ' ' || method FROM coin_mapping "
                + "WHERE exchange = 'bybit' AND coin_id LIKE 'lgcy%' ORDER BY 1", String.class))
                .containsExactly("1000LGCYC=lgcyc-coin x1000 legacy", "LGCYA=lgcya-coin x1 legacy", "LGCYB=lgcyb-coin x1 legacy");

        Map<String, Object> m = jdbc.queryForMap("SELECT * FROM coin_market_snapshot WHERE coin_id = 'lgcya-coin'");
        assertThat(((Timestamp) m.get("collected_at")).toInstant()).isEqualTo(Instant.parse("2024-12-20T11:00:00Z"));
        assertThat((BigDecimal) m.get("current_price")).isEqualByComparingTo("0.3");
        assertThat(m.get("price_change_24h")).as("the legacy clamp of a negative change").isNull();
        assertThat((BigDecimal) m.get("price_change_percentage_24h")).isEqualByComparingTo("-2.5");
        assertThat((BigDecimal) m.get("market_cap")).isEqualByComparingTo("123456789.12");
        assertThat((BigDecimal) m.get("max_supply")).isEqualByComparingTo("21000000");
        assertThat(m.get("market_cap_rank")).isEqualTo(42);
        assertThat(((Timestamp) m.get("ath_date")).toInstant()).isEqualTo(Instant.parse("2021-11-10T00:00:00Z"));

        List<Map<String, Object>> sentiment = jdbc.queryForList(
                "SELECT source, handle, score, samples, details::text AS details FROM coin_sentiment WHERE coin_id = 'lgcya-coin' ORDER BY source");
        assertThat(sentiment).extracting(r -> r.get("source")).containsExactly("overall", "reddit", "twitter");
        assertThat((BigDecimal) sentiment.get(0).get("score")).isEqualByComparingTo("0.25");
        assertThat(json(sentiment.get(0).get("details"))).isEqualTo(json("{\"socialScore\": 12.5, \"origin\": \"legacy-import\"}"));
        assertThat(sentiment.get(1).get("handle")).isEqualTo("https://www.reddit.com/r/lgcya");
        assertThat(sentiment.get(1).get("samples")).isEqualTo(3);
        assertThat(json(sentiment.get(1).get("details"))).isEqualTo(json(
                "{\"subscribers\": 5000, \"activeUsers\": 50, \"posts24h\": 3, \"comments24h\": 20, \"origin\": \"legacy-import\"}"));
        assertThat((BigDecimal) sentiment.get(2).get("score")).isEqualByComparingTo("0.2");
        assertThat(jdbc.queryForObject("SELECT reason FROM legacy_import_rejected WHERE source_key = 'orphan-coin'", String.class))
                .isEqualTo("reddit_sentiment_score 1.5 outside [-1, 1]");
    }

    private Map<String, Object> targetCounts() {
        return jdbc.queryForMap("SELECT (" + LGCY_CANDLES + ") AS candles, "
                + "(SELECT count(*) FROM candle WHERE symbol_id = " + simulated.id() + ") AS simulated, "
                + "(SELECT count(*) FROM candle_quarantine) AS quarantine, (SELECT count(*) FROM symbol) AS symbols, "
                + "(SELECT count(*) FROM coin_metadata) AS metadata, (SELECT count(*) FROM coin_platform) AS platforms, "
                + "(SELECT count(*) FROM coin_mapping) AS mappings, (SELECT count(*) FROM coin_market_snapshot) AS snapshots, "
                + "(SELECT count(*) FROM coin_sentiment) AS sentiment, (SELECT count(*) FROM legacy_import_rejected) AS rejected, "
                + "(SELECT next_open_time FROM backfill_progress WHERE symbol_id = " + simulated.id() + ") AS resume_point");
    }

    private void fill(JdbcTemplate db) {
        db.update("""
                INSERT INTO market_data.symbols (id, name, exchange, base_asset, quote_asset, price_scale, tick_size, qty_step, max_qty,
                    min_notional, max_leverage, funding_interval, launch_time) VALUES
                (1, 'LGCYAUSDT', 'bybit', 'LGCYA', 'USDT', 4, '0.0001', '0.1', '1000000', '5', '25', 480, ?),
                (2, 'LGCYBUSDT', 'bybit', 'LGCYB', 'USDT', 8, '0.00000001', '1', '5000000', '5', '12.5', 240, NULL),
                (3, 'LGCYAUSDT', 'Bybit', 'LGCYA', 'USDT', 4, '0.0001', '0.1', '1000000', '5', '25', 480, ?),
                (4, 'bad-name', 'bybit', 'BAD', 'USDT', 2, '0.01', '1', '100', '5', '10', 480, ?),
                (5, '1000LGCYCUSDT', 'bybit', '1000LGCYC', 'USDT', 6, '0.000001', '10', '90000000', '5', '50', 480, ?),
                (6, ?, 'bybit', ?, 'USDT', 4, '0.0001', '1', '1000000', '5', '25', 480, ?)""",
                T0, T0, T0, T0, simulated.symbol(), simulated.baseAsset(), simulated.launchTime());
        String candles = """
                INSERT INTO market_data.kline_data (symbol_id, "timestamp", interval, open_price, high_price, low_price, close_price, volume, turnover)
                SELECT ?, to_timestamp(? / 1000.0) + (i + ?) * interval '5 minutes', '5', 100 + i * 0.01, 101 + i * 0.01, 99 + i * 0.01,
                       100.5 + i * 0.01, 1000 + i, (1000 + i) * 100.5
                FROM generate_series(0, ? - 1) i""";
        db.update(candles, 1, T0, 0, 1500);
        db.update("UPDATE market_data.kline_data SET high_price = 90 WHERE symbol_id = 1 AND \"timestamp\" = ?", new Timestamp(T0 + 700 * STEP));
        db.update("UPDATE market_data.kline_data SET volume = NULL WHERE symbol_id = 1 AND \"timestamp\" = ?", new Timestamp(T0 + 900 * STEP));
        // Stored as float before migration 005, NUMERIC(18,8) since: the float's digits survive, rounded to 8 places.
        db.update("""
                INSERT INTO market_data.kline_data (symbol_id, "timestamp", interval, open_price, high_price, low_price, close_price, volume, turnover)
                SELECT 2, to_timestamp(? / 1000.0) + i * interval '5 minutes', '5',
                       (0.0000123 * (1 + i * 0.001))::float8::numeric(18,8), (0.0000125 * (1 + i * 0.001))::float8::numeric(18,8),
                       (0.0000121 * (1 + i * 0.001))::float8::numeric(18,8), (0.000012345678 * (1 + i * 0.001))::float8::numeric(18,8),
                       (123456789.123456789::float8 + i)::numeric(36,8), (1524.1578::float8 * (1 + i))::numeric(36,8)
                FROM generate_series(0, 299) i""", T1);
        db.update(candles, 3, T0, 200, 100);
        db.update(candles, 4, T0, 0, 10);
        long lastClosed = CandleInterval.lastClosedOpenTime(System.currentTimeMillis());
        simulatedFirst = simulated.launchTime() + 12 * STEP;
        int planned = (int) Math.min(600, (lastClosed - 24 * STEP - simulatedFirst) / STEP + 1);
        holeStart = simulatedFirst + (planned / 2) * STEP;
        db.update(candles, 6, simulatedFirst, 0, planned);
        db.update("DELETE FROM market_data.kline_data WHERE symbol_id = 6 AND \"timestamp\" BETWEEN ? AND ?",
                new Timestamp(holeStart), new Timestamp(holeStart + 4 * STEP));
        simulatedCandles = planned - 5;

        db.update("""
                INSERT INTO fundamental_data.token_metadata (id, symbol, name, description, categories, launch_time, market_cap_rank,
                    hashing_algorithm, image_thumb, image_small, image_large, website, whitepaper, reddit, twitter, telegram, github, updated_at) VALUES
                ('lgcya-coin', 'lgcya', 'Legacy A', 'The first legacy coin.', '["Layer 1 (L1)", "Smart Contract Platform"]', '2020-05-01T00:00:00Z', 42,
                 'SHA-256', 'https://img.example/lgcya/thumb.png', 'https://img.example/lgcya/small.png', 'https://img.example/lgcya/large.png',
                 'https://lgcya.example', 'https://lgcya.example/paper.pdf', 'https://www.reddit.com/r/lgcya', 'lgcya', 'lgcya_chat',
                 'https://github.com/lgcya', '2024-12-20T10:00:00Z'),
                ('lgcyb-coin', 'lgcyb', 'Legacy B', '', '[]', NULL, -1, NULL, 't', 's', 'l', NULL, NULL, NULL, NULL, NULL, NULL, '2024-12-20T10:00:00Z'),
                ('lgcyc-coin', 'lgcyc', 'Legacy C', 'Traded per 1000.', '["Meme"]', NULL, 900, NULL, 't', 's', 'l', NULL, NULL, NULL, NULL, NULL, NULL,
                 '2024-12-20T10:00:00Z'),
                ('orphan-coin', 'orph', 'Orphan', '', '[]', NULL, -1, NULL, 't', 's', 'l', NULL, NULL, NULL, NULL, NULL, NULL, '2024-12-20T10:00:00Z'),
                ('broken-coin', 'brkn', 'Broken', '', '{"not": "a list"}', NULL, -1, NULL, 't', 's', 'l', NULL, NULL, NULL, NULL, NULL, NULL,
                 '2024-12-20T10:00:00Z')""");
        db.update("""
                INSERT INTO fundamental_data.token_platforms (token_id, platform_id, contract_address) VALUES
                ('lgcya-coin', 'ethereum', '0xabc'), ('lgcya-coin', 'binance-smart-chain', '0xdef'), ('lgcyb-coin', 'solana', 'So1ana111'),
                ('broken-coin', 'ethereum', '0x123')""");
        db.update("""
                INSERT INTO fundamental_data.token_market_metrics (id, symbol, current_price, high_24h, low_24h, price_change_24h,
                    price_change_percentage_24h, market_cap, market_cap_rank, total_volume, max_supply, ath, ath_date, updated_at, data_source) VALUES
                ('lgcya-coin', 'lgcya', (0.1::float8 * 3)::numeric(20,10), 0.31, 0.29, 0.0000000001, -2.5, 123456789.12, 42, 5000000, 21000000,
                 1.5, '2021-11-10T00:00:00Z', '2024-12-20T11:00:00Z', 'coingecko'),
                ('lgcyb-coin', 'lgcyb', 0.0000123, 0.0000125, 0.0000121, 0.0000002, 1.6529, 1000000, NULL, 20000, NULL, NULL, NULL,
                 '2024-12-20T11:00:00Z', 'coingecko'),
                ('lgcyc-coin', 'lgcyc', 0.012, NULL, NULL, NULL, NULL, NULL, 900, NULL, NULL, NULL, NULL, '2024-12-20T11:00:00Z', 'coingecko')""");
        db.update("""
                INSERT INTO fundamental_data.token_sentiment (id, symbol, twitter_followers, twitter_following, twitter_posts_24h,
                    twitter_engagement_rate, twitter_sentiment_score, reddit_subscribers, reddit_active_users, reddit_posts_24h,
                    reddit_comments_24h, reddit_sentiment_score, overall_sentiment_score, social_score, updated_at) VALUES
                ('lgcya-coin', 'lgcya', 1000, 10, 5, 3.4, 0.2, 5000, 50, 3, 20, 0.3, 0.25, 12.5, '2024-12-20T12:00:00Z'),
                ('lgcyb-coin', 'lgcyb', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, '2024-12-20T12:00:00Z'),
                ('orphan-coin', 'orph', NULL, NULL, NULL, NULL, NULL, 10, 1, 1, 0, 1.5, 1.5, 0.1, '2024-12-20T12:00:00Z')""");
    }

    private void use(String url) {
        properties.setUrl(url);
        properties.setUsername(dbUser);
        properties.setPassword(dbPassword);
    }

    private JsonNode runToEnd() {
        ApiClient api = new ApiClient(port);
        assertThat(api.send("POST", "/api/v1/system/legacy-import").statusCode()).isEqualTo(202);
        JsonNode report = awaitEnd(api);
        assertThat(report.get("status").asText()).isEqualTo("failed");
        return report;
    }

    private JsonNode awaitEnd(ApiClient api) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !legacyImport.running());
        return api.getOk("/api/v1/system/legacy-import");
    }

    private static JsonNode json(Object value) {
        try {
            return new ObjectMapper().readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode table(JsonNode report, String table) {
        for (JsonNode t : report.get("tables")) {
            if (t.get("table").asText().equals(table)) {
                return t;
            }
        }
        throw new AssertionError("no table " + table + " in " + report);
    }

    private static void assertCounts(JsonNode report, String name, long read, long written, long quarantined, long skipped) {
        JsonNode t = table(report, name);
        assertThat(t.get("status").asText()).as(name).isEqualTo("done");
        assertThat(List.of(t.get("rowsRead").asLong(), t.get("rowsWritten").asLong(), t.get("rowsQuarantined").asLong(),
                t.get("rowsSkipped").asLong())).as(name + ": read, written, quarantined, skipped").containsExactly(read, written, quarantined, skipped);
    }

    private BigDecimal candleClose(int symbolId, long openTime) {
        return jdbc.queryForObject("SELECT close FROM candle WHERE symbol_id = ? AND open_time = ?", BigDecimal.class, symbolId,
                new Timestamp(openTime));
    }

    private BigDecimal legacyClose(int legacySymbolId, long openTime) {
        return legacy.jdbc().queryForObject("SELECT close_price FROM market_data.kline_data WHERE symbol_id = ? AND \"timestamp\" = ?",
                BigDecimal.class, legacySymbolId, new Timestamp(openTime));
    }
}
