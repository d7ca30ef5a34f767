package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.EnvelopeCodec;
import io.coinwatch.simulator.Api;
import io.coinwatch.simulator.RequestLog;
import io.coinwatch.simulator.RequestMatch;
import io.coinwatch.simulator.ResponseFault;
import io.coinwatch.simulator.SimulatorServer;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.BackfilledMarket;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.EventProbe;

/**
 * The collection flows against the exchange simulator over real HTTP, with the real database and broker:
 * discovery, backfill through the broker, gap audit and repair, and the exchange's failure modes.
 */
@CoinwatchIntegrationTest
class MarketDataPipelineTest {

    private static final long STEP = CandleInterval.BASE_MILLIS;

    @Autowired ProducerTemplate camel;
    @Autowired CamelContext camelContext;
    @Autowired JdbcTemplate jdbc;
    @Autowired SimulatorServer simulator;
    @Autowired SymbolCatalog symbols;
    @Autowired EnvelopeCodec codec;
    @Autowired EventProbe events;
    @LocalServerPort int port;

    /** Every event a test here caused kept the AsyncAPI contract (payload schema and AMQP properties). */
    @AfterEach
    void eventsKeptTheContract() {
        events.assertAllKeptTheContract();
    }

    @BeforeEach
    void discoverAndBackfillOnce() {
        events.clear();
        simulator.faults().reset();
        BackfilledMarket.closeCircuit(camelContext);
        BackfilledMarket.ensure(camel, jdbc);
    }

    @Test
    void aBackfillRequestPublishesEventsThatKeepTheAsyncApiContract() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 2);
        HttpResponse<String> accepted = new ApiClient(port).send("POST", "/api/v1/market-data/backfill/" + s.symbol());
        assertThat(accepted.statusCode()).isEqualTo(202);
        // The probe checks each as it arrives (payload schema, message-id, type, content-type, timestamp).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.received()).contains("market.backfill.requested"));
        events.assertAllKeptTheContract();
    }

    @Test
    void discoveryFollowsEveryPageAndKeepsOnlyTradingUsdtPerpetuals() {
        simulator.requestLog().clear();
        camel.sendBody("direct:symbol-discovery", "bybit");
        // The listing as discovery stored it; other tests' own symbols and legacy imports are delisted rows beside it.
        List<MarketSymbol> listed = symbols.list("bybit", true);
        assertThat(listed).hasSizeGreaterThanOrEqualTo(12);
        assertThat(listed).allSatisfy(s -> {
            assertThat(s.quoteAsset()).isEqualTo("USDT");
            assertThat(s.contractType()).isEqualTo("LinearPerpetual");
            assertThat(s.symbol()).doesNotContain("-");
        });
        // Not even as delisted rows: the USDC perpetuals and dated futures the simulator lists were never stored.
        assertThat(symbols.list("bybit", false)).extracting(MarketSymbol::symbol).noneMatch(n -> n.contains("-") || n.endsWith("PERP"));
        // With 4 instruments per page, reading them all took several pages, each followed by its cursor.
        assertThat(simulator.requestLog().count("/v5/market/instruments-info")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aListingThatFailsPartWayDelistsNothingAndTheRunReportsInsteadOfThrowing() {
        int activeBefore = symbols.list("bybit", true).size();
        // Every page fails for good: the listing is incomplete, so no symbol may be delisted.
        simulator.requestLog().clear();
        simulator.faults().failNext(1000, ResponseFault.serverError(502), new RequestMatch("/v5/market/instruments-info", null));

        camel.sendBody("direct:symbol-discovery", "bybit"); // failure reported as the run's, not thrown

        assertThat(simulator.requestLog().count("/v5/market/instruments-info")).as("first try and 3 retries").isEqualTo(4);
        assertThat(symbols.list("bybit", true)).hasSize(activeBefore);
    }

    @Test
    void backfillStoresExactlyTheExpectedCandlesWithNoGap() {
        for (MarketSymbol s : symbols.list("bybit", true)) {
            Map<String, Object> p = jdbc.queryForMap("SELECT range_start, range_end FROM backfill_progress WHERE symbol_id = ?", s.id());
            long start = ((Timestamp) p.get("range_start")).getTime();
            long end = ((Timestamp) p.get("range_end")).getTime();
            assertThat(start).isEqualTo(CandleInterval.alignUp(s.launchTime()));
            long expected = (end - start) / STEP + 1;
            Long stored = jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time BETWEEN ? AND ?",
                    Long.class, s.id(), p.get("range_start"), p.get("range_end"));
            assertThat(stored).as("candles of %s", s.symbol()).isEqualTo(expected);
        }
        camel.sendBody("direct:gap-audit", null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle_gap WHERE status <> 'repaired'", Integer.class)).isZero();
    }

    @Test
    void aSingleMissingCandleIsFoundAndRepaired() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 0);
        long missing = middleCandle(s);
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time = ?", s.id(), ts(missing));

        camel.sendBody("direct:gap-audit", null);

        Map<String, Object> gap = jdbc.queryForMap("SELECT status, gap_start, gap_end FROM candle_gap WHERE symbol_id = ? AND gap_start = ?",
                s.id(), ts(missing));
        assertThat(gap.get("status")).isEqualTo("repaired");
        assertThat(((Timestamp) gap.get("gap_end")).getTime()).isEqualTo(missing);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time = ?", Integer.class, s.id(), ts(missing)))
                .isEqualTo(1);
    }

    @Test
    void aHoleTheExchangeCannotFillEndsUnfillableAfterTheRetries() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 1);
        long first = middleCandle(s);
        long last = first + 2 * STEP;
        simulator.faults().removeCandles(s.symbol(), first, last);
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time BETWEEN ? AND ?", s.id(), ts(first), ts(last));

        camel.sendBody("direct:gap-audit", null); // attempt 1: still missing, stays open
        assertThat(gapStatus(s, first, last)).isEqualTo("open");
        camel.sendBody("direct:gap-audit", null); // attempt 2 of 2: unfillable
        assertThat(gapStatus(s, first, last)).isEqualTo("unfillable");

        long requestsBefore = simulator.requestLog().count("/v5/market/kline", s.symbol());
        camel.sendBody("direct:gap-audit", null); // known unfillable: not refetched again
        assertThat(simulator.requestLog().count("/v5/market/kline", s.symbol())).isEqualTo(requestsBefore);
    }

    @Test
    void duringAnIpBanNoRequestReachesTheExchange() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 2);
        long from = middleCandle(s);
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time BETWEEN ? AND ?", s.id(), ts(from), ts(from + 10 * STEP));
        // Longer than our ban window (3 s in the test profile), so the first request surely meets the ban even on a busy machine.
        simulator.faults().ban(Api.BYBIT, Duration.ofSeconds(5));
        simulator.requestLog().clear();

        camel.sendBody("direct:gap-audit", null);

        List<RequestLog.Entry> klineCalls = simulator.requestLog().entries().stream()
                .filter(e -> e.path().equals("/v5/market/kline")).toList();
        RequestLog.Entry banned = klineCalls.stream().filter(e -> e.status() == 403).findFirst().orElseThrow();
        // Requests already in flight when the first 403 came back may still arrive just after it; from then until
        // the ban window (3 s in the test profile) ends, nothing may be sent.
        Instant guardActive = banned.receivedAt().plusMillis(300);
        Instant banEnds = banned.receivedAt().plus(Duration.ofSeconds(3)).minusMillis(100);
        assertThat(klineCalls.stream().filter(e -> e.receivedAt().isAfter(guardActive) && e.receivedAt().isBefore(banEnds)))
                .as("requests sent while banned").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time BETWEEN ? AND ?",
                Integer.class, s.id(), ts(from), ts(from + 10 * STEP))).isEqualTo(11);
    }

    @Test
    void malformedJsonIsRetriedThenReportedWithNothingStored() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 3);
        BackfilledMarket.resetBackfill(jdbc, s);
        simulator.faults().failNext(100, ResponseFault.malformedJson(), new RequestMatch("/v5/market/kline", s.symbol()));
        simulator.requestLog().clear();

        assertThatThrownBy(() -> camel.sendBody("direct:kline-backfill", BackfilledMarket.backfillRequest(codec, s))).hasStackTraceContaining("malformed JSON");

        // Each page is tried once and retried 3 times; pages run in parallel and the first to give up stops the run.
        long pages = (CandleInterval.lastClosedOpenTime(System.currentTimeMillis()) - CandleInterval.alignUp(s.launchTime()))
                / (PageRequest.MAX_CANDLES * STEP) + 1;
        assertThat(simulator.requestLog().count("/v5/market/kline", s.symbol())).isBetween(4L, 4 * pages);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ?", Integer.class, s.id())).isZero();
        Map<String, Object> progress = jdbc.queryForMap("SELECT status, last_error FROM backfill_progress WHERE symbol_id = ?", s.id());
        assertThat(progress.get("status")).isEqualTo("failed");
        assertThat((String) progress.get("last_error")).contains("malformed JSON");

        simulator.faults().reset();
        camel.sendBody("direct:kline-backfill", BackfilledMarket.backfillRequest(codec, s));
        assertThat(jdbc.queryForObject("SELECT status FROM backfill_progress WHERE symbol_id = ?", String.class, s.id())).isEqualTo("done");
    }

    @Test
    void anInvalidCandleIsQuarantinedAndTheRestOfItsPageKept() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 4);
        long bad = middleCandle(s);
        simulator.faults().corruptCandle(s.symbol(), bad);
        BackfilledMarket.resetBackfill(jdbc, s);

        camel.sendBody("direct:kline-backfill", BackfilledMarket.backfillRequest(codec, s));

        assertThat(jdbc.queryForObject("SELECT reason FROM candle_quarantine WHERE symbol_id = ? AND open_time = ?", String.class, s.id(), bad))
                .contains("below");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time = ?", Integer.class, s.id(), ts(bad))).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time IN (?, ?)", Integer.class,
                s.id(), ts(bad - STEP), ts(bad + STEP))).isEqualTo(2);
    }

    @Test
    void aBackfillStoppedMidwayResumesFromItsProgressWithoutDuplicatesOrGaps() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 5);
        long resumeFrom = CandleInterval.alignUp(s.launchTime()) + 2 * PageRequest.MAX_CANDLES * STEP;
        // As if the process died there longer than stale-after ago (its lease ran out): progress says two pages are
        // done; the third was written too (pages run in parallel), the rest never were.
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time >= ?", s.id(), ts(resumeFrom + PageRequest.MAX_CANDLES * STEP));
        jdbc.update("UPDATE backfill_progress SET status = 'running', next_open_time = ?, updated_at = now() - interval '1 hour' "
                + "WHERE symbol_id = ?", ts(resumeFrom), s.id());
        simulator.requestLog().clear();

        camel.sendBody("direct:kline-backfill", BackfilledMarket.backfillRequest(codec, s));

        // The resumed run ends at the last closed candle of now, which is later than the first run's end when a 5m
        // boundary passed in between: count from the range the progress holds now.
        Map<String, Object> p = jdbc.queryForMap("SELECT range_start, range_end FROM backfill_progress WHERE symbol_id = ?", s.id());
        long rangeEnd = ((Timestamp) p.get("range_end")).getTime();
        long total = (rangeEnd - ((Timestamp) p.get("range_start")).getTime()) / STEP + 1;
        List<RequestLog.Entry> fetched = simulator.requestLog().entries().stream().filter(e -> e.path().equals("/v5/market/kline")).toList();
        long pagesAfterResume = ((rangeEnd - resumeFrom) / STEP + PageRequest.MAX_CANDLES) / PageRequest.MAX_CANDLES;
        assertThat(fetched).as("only the pages from the resume point are fetched").hasSize((int) pagesAfterResume);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time <= ?", Long.class, s.id(), p.get("range_end")))
                .isEqualTo(total);
        camel.sendBody("direct:gap-audit", null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle_gap WHERE symbol_id = ?", Integer.class, s.id())).isZero();
    }

    @Test
    void aBackfillRunningInAnotherReplicaIsLeftToItUntilItsLeaseRunsOut() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 5);
        jdbc.update("UPDATE backfill_progress SET status = 'running', next_open_time = range_start, updated_at = now() WHERE symbol_id = ?", s.id());
        simulator.requestLog().clear();
        try {
            camel.sendBody("direct:kline-backfill", BackfilledMarket.backfillRequest(codec, s));
            assertThat(simulator.requestLog().count("/v5/market/kline")).as("requests for a backfill another replica holds").isZero();
            assertThat(jdbc.queryForObject("SELECT status FROM backfill_progress WHERE symbol_id = ?", String.class, s.id())).isEqualTo("running");
        } finally {
            jdbc.update("UPDATE backfill_progress SET status = 'done', next_open_time = range_end WHERE symbol_id = ?", s.id());
        }
    }

    @Test
    void aDelistedSymbolKeepsItsHistoryAndIsNoLongerSynced() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 6);
        long candles = jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ?", Long.class, s.id());
        simulator.faults().delist(s.symbol());
        try {
            camel.sendBody("direct:symbol-discovery", "bybit");
            MarketSymbol after = symbols.find("bybit", s.symbol()).orElseThrow();
            assertThat(after.active()).isFalse();
            assertThat(after.delistedAt()).isNotNull();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ?", Long.class, s.id())).isEqualTo(candles);
            simulator.requestLog().clear();
            camel.sendBody("direct:kline-sync", null);
            assertThat(simulator.requestLog().count("/v5/market/kline", s.symbol())).as("delisted symbols are not synced").isZero();
        } finally {
            simulator.faults().reset();
            camel.sendBody("direct:symbol-discovery", "bybit");
        }
        assertThat(symbols.find("bybit", s.symbol()).orElseThrow().active()).isTrue();
    }

    @Test
    void syncFetchesFromTheLastStoredCandleToTheLastClosedOne() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 7);
        Long last = jdbc.queryForObject("SELECT max(open_time) FROM candle WHERE symbol_id = ?", Timestamp.class, s.id()).getTime();
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time > ?", s.id(), ts(last - 3 * STEP));

        camel.sendBody("direct:kline-sync", null);

        long expectedLast = CandleInterval.lastClosedOpenTime(System.currentTimeMillis());
        assertThat(jdbc.queryForObject("SELECT max(open_time) FROM candle WHERE symbol_id = ?", Timestamp.class, s.id()).getTime())
                .isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(expectedLast);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time > ?", Integer.class, s.id(), ts(last - 3 * STEP)))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void anOperatorsBackfillRequestOverHttpFetchesDeletedCandlesAgain() {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 8);
        long start = CandleInterval.alignUp(s.launchTime());
        long middle = middleCandle(s);
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND (open_time < ? OR open_time BETWEEN ? AND ?)",
                s.id(), ts(start + 3 * STEP), ts(middle), ts(middle + 4 * STEP));
        ApiClient api = new ApiClient(port);

        HttpResponse<String> accepted = api.send("POST", "/api/v1/market-data/backfill/" + s.symbol() + "?exchange=bybit");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(ApiClient.json(accepted).path("status").asText()).isEqualTo("requested");
        assertThat(ApiClient.json(accepted).path("symbol").asText()).isEqualTo(s.symbol());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> "done".equals(
                jdbc.queryForObject("SELECT status FROM backfill_progress WHERE symbol_id = ?", String.class, s.id())));
        Map<String, Object> p = jdbc.queryForMap("SELECT range_start, range_end FROM backfill_progress WHERE symbol_id = ?", s.id());
        long expected = (((Timestamp) p.get("range_end")).getTime() - start) / STEP + 1;
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time BETWEEN ? AND ?", Long.class,
                s.id(), p.get("range_start"), p.get("range_end"))).isEqualTo(expected);

        api.assertError("POST", "/api/v1/market-data/backfill/NOPEUSDT?exchange=bybit", 404, "unknown_symbol");
        api.assertError("POST", "/api/v1/market-data/backfill/" + s.symbol() + "?exchange=nope", 400, "invalid_exchange");
    }

    private long middleCandle(MarketSymbol s) {
        long start = CandleInterval.alignUp(s.launchTime());
        long end = CandleInterval.lastClosedOpenTime(System.currentTimeMillis());
        return start + ((end - start) / STEP / 2) * STEP;
    }

    private String gapStatus(MarketSymbol s, long first, long last) {
        return jdbc.queryForObject("SELECT status FROM candle_gap WHERE symbol_id = ? AND gap_start = ? AND gap_end = ?", String.class,
                s.id(), ts(first), ts(last));
    }

    private static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
