package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.model.Candle;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.MutableClock;
import io.coinwatch.support.TestSymbols;

/**
 * Klines from cached chunks answer byte for byte what PostgreSQL rendered alone before (the reference SQL below), for
 * random windows over complete and holed histories, cold and warm; a chunk is cached only up to its first hole or open
 * bucket, and what closes or is stored later appears.
 */
@CoinwatchIntegrationTest
class KlineChunksTest {

    private static final long STEP = CandleInterval.BASE_MILLIS;
    private static final long DAY = 86_400_000L;
    /** Not aligned to any chunk: the first chunk of every interval is partial. */
    private static final long START = Instant.parse("2024-03-01T01:35:00Z").toEpochMilli();
    private static final int FULL_DAYS = 150;
    private static final int HOLED_DAYS = 40;

    /** The all-in-PostgreSQL answer the API gave before chunks: the reference. */
    private static final String AS_JSON = """
            SELECT count(*), '[' || coalesce(string_agg(format(
                       '{"openTime":%%s,"open":%%s,"high":%%s,"low":%%s,"close":%%s,"volume":%%s,"turnover":%%s}',
                       (extract(epoch FROM bucket) * 1000)::bigint, open, high, low, close, volume, turnover), ',' ORDER BY bucket), '') || ']'
            FROM (%s) k""";

    private static final List<CandleInterval> INTERVALS = List.of(CandleInterval.M5, CandleInterval.M15, CandleInterval.H1,
            CandleInterval.H4, CandleInterval.D1, CandleInterval.W1);

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired CandleStore store;
    @Autowired Clock appClock;

    private int full;
    private int holed;

    /** A candle as the exchanges send them: prices of varied scales, trailing zeros kept, large volumes. */
    private static Candle candle(Random random, long openTime) {
        BigDecimal open = BigDecimal.valueOf(random.nextInt(9_000_000) + 1_000, random.nextInt(9));
        BigDecimal close = open.add(BigDecimal.valueOf(random.nextInt(2000) - 1000, open.scale())).abs().add(BigDecimal.ONE);
        BigDecimal high = open.max(close).add(new BigDecimal("0.10"));
        BigDecimal low = open.min(close).subtract(BigDecimal.valueOf(random.nextInt(100), open.scale())).max(BigDecimal.ZERO);
        return new Candle(openTime, open, high, low, close, BigDecimal.valueOf(random.nextLong(1L << 50), random.nextInt(12)),
                new BigDecimal(random.nextInt(1000) + "." + "0".repeat(random.nextInt(4)) + "1"));
    }

    /** The symbol's candles from START, each left out with the given probability; replaces what the symbol had. */
    private int seed(String base, int days, double holes, long seed) {
        int id = TestSymbols.ensureUnlisted(jdbc, base, START);
        Random random = new Random(seed);
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < days * 288; i++) {
            Candle c = candle(random, START + i * STEP);
            if (random.nextDouble() >= holes) {
                candles.add(c);
            }
        }
        jdbc.update("DELETE FROM candle WHERE symbol_id = ?", id);
        store.write(id, candles);
        return id;
    }

    @BeforeEach
    void seedOnce() {
        full = seed("CHUNKFULL", FULL_DAYS, 0, 1);
        holed = seed("CHUNKHOLED", HOLED_DAYS, 0.003, 2);
    }

    private record Expected(String klines, long incompleteBuckets) {
    }

    private Expected reference(KlineQuery query, int symbolId, CandleInterval interval, Long start, Long end, int limit) {
        KlineQuery.Window w = query.window(interval, start, end, limit);
        if (w.isEmpty()) {
            return new Expected("[]", 0);
        }
        long buckets = (w.to() - w.from()) / interval.millis() + 1;
        if (interval.isBase()) {
            return jdbc.queryForObject(AS_JSON.formatted(KlineQuery.BASE), (rs, i) -> new Expected(rs.getString(2), buckets - rs.getLong(1)),
                    symbolId, CandleInterval.BASE_MINUTES, KlineQuery.ts(w.from()), KlineQuery.ts(w.to()));
        }
        return jdbc.queryForObject(AS_JSON.formatted(KlineQuery.AGGREGATE), (rs, i) -> new Expected(rs.getString(2), buckets - rs.getLong(1)),
                KlineQuery.aggregateParameters(symbolId, interval, w.from(), w.to()));
    }

    private static Expected answer(KlineQuery query, int symbolId, CandleInterval interval, Long start, Long end, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long incomplete = query.writeJson(symbolId, interval, start, end, limit, out);
        return new Expected(out.toString(StandardCharsets.UTF_8), incomplete);
    }

    private record Request(int symbolId, CandleInterval interval, Long start, Long end, int limit) {
    }

    /** Random requests, a third of the times starting or ending on a chunk boundary (or one bucket or 1 ms off it). */
    private List<Request> requests(Random random, int count) {
        List<Request> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CandleInterval interval = INTERVALS.get(random.nextInt(INTERVALS.size()));
            int symbolId = random.nextBoolean() ? full : holed;
            long span = interval.millis() * KlineChunks.BUCKETS;
            long a = START - 10 * DAY + (long) (random.nextDouble() * (FULL_DAYS + 20) * DAY);
            if (random.nextInt(3) == 0) {
                long boundary = KlineQuery.ORIGIN_MILLIS + Math.floorDiv(a - KlineQuery.ORIGIN_MILLIS, span) * span;
                a = boundary + List.of(0L, -interval.millis(), interval.millis(), -1L, 1L).get(random.nextInt(5));
            }
            long b = a + (long) (random.nextDouble() * 1200 * interval.millis());
            int limit = random.nextInt(4) == 0 ? 1000 : 1 + random.nextInt(1000);
            switch (random.nextInt(4)) {
                case 0 -> list.add(new Request(symbolId, interval, a, b, limit));
                case 1 -> list.add(new Request(symbolId, interval, a, null, limit));
                case 2 -> list.add(new Request(symbolId, interval, null, b, limit));
                default -> list.add(new Request(symbolId, interval, null, null, limit));
            }
        }
        return list;
    }

    private void assertSameAsReference(KlineQuery query, List<Request> requests, String pass) {
        for (Request r : requests) {
            assertThat(answer(query, r.symbolId(), r.interval(), r.start(), r.end(), r.limit()))
                    .as("%s: %s", pass, r).isEqualTo(reference(query, r.symbolId(), r.interval(), r.start(), r.end(), r.limit()));
        }
    }

    @Test
    void randomWindowsAnswerByteForByteWhatPostgresqlRenderedColdAndWarm() {
        // "Now" a little after the full symbol's history: the latest requests reach past it, into the open tail.
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(START + FULL_DAYS * DAY + 3 * 3_600_000L + 60_000));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KlineChunks chunks = new KlineChunks(jdbc, 64L << 20, registry);
        KlineQuery query = new KlineQuery(jdbc, store, clock, chunks);
        List<Request> requests = requests(new Random(20), 300);

        assertSameAsReference(query, requests, "cold");
        assertThat(chunks.sizeInBytes()).isPositive();
        assertSameAsReference(query, requests, "warm");
        assertThat(registry.get("cache.gets").tag("cache", "klines").tag("result", "hit").functionCounter().count()).isPositive();
        assertThat(registry.get("coinwatch.klines.cache.bytes").gauge().value()).isEqualTo(chunks.sizeInBytes());

        KlineQuery uncached = new KlineQuery(jdbc, store, clock, new KlineChunks(jdbc, 0, new SimpleMeterRegistry()));
        assertSameAsReference(uncached, requests.subList(0, 50), "cache disabled");
    }

    @Test
    void aChunkIsCachedOnlyUpToItsHoleAndTheMissingCandleAppearsOnceStored() {
        int id = seed("CHUNKHOLE", 30, 0, 3);
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(START + 40 * DAY));
        KlineChunks chunks = new KlineChunks(jdbc, 64L << 20, new SimpleMeterRegistry());
        KlineQuery query = new KlineQuery(jdbc, store, clock, chunks);
        // A candle in the middle of a closed 1h chunk (64 hours) that lies inside the history.
        long span = CandleInterval.H1.millis() * KlineChunks.BUCKETS;
        long chunk = KlineQuery.ORIGIN_MILLIS + (Math.floorDiv(START - KlineQuery.ORIGIN_MILLIS, span) + 2) * span;
        long hole = chunk + 20 * CandleInterval.H1.millis() + 7 * STEP;
        var kept = jdbc.queryForMap("SELECT * FROM candle WHERE symbol_id = ? AND open_time = ?", id, KlineQuery.ts(hole));
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time = ?", id, KlineQuery.ts(hole));

        // 5m: 200 candles from the hole's hour; 1h: exactly the chunk.
        long[][] requests = {{CandleInterval.M5.ordinal(), chunk + 20 * CandleInterval.H1.millis(), 200},
                {CandleInterval.H1.ordinal(), chunk, KlineChunks.BUCKETS}};
        for (long[] r : requests) {
            CandleInterval interval = CandleInterval.values()[(int) r[0]];
            Expected before = answer(query, id, interval, r[1], null, (int) r[2]);
            assertThat(before).isEqualTo(reference(query, id, interval, r[1], null, (int) r[2]));
            assertThat(before.incompleteBuckets()).as(interval.code()).isEqualTo(1);
        }
        jdbc.update("INSERT INTO candle VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", kept.get("symbol_id"), kept.get("interval_minutes"),
                kept.get("open_time"), kept.get("open"), kept.get("high"), kept.get("low"), kept.get("close"), kept.get("volume"), kept.get("turnover"));
        for (long[] r : requests) {
            CandleInterval interval = CandleInterval.values()[(int) r[0]];
            Expected after = answer(query, id, interval, r[1], null, (int) r[2]);
            assertThat(after).as(interval.code()).isEqualTo(reference(query, id, interval, r[1], null, (int) r[2]));
            assertThat(after.klines()).contains("\"openTime\":" + (interval.isBase() ? hole : hole - 7 * STEP) + ",");
            assertThat(after.incompleteBuckets()).as(interval.code()).isZero();
        }
    }

    @Test
    void aCandleClosingAfterARequestAppearsInTheNextOneAndTheOpenBucketNever() {
        int id = seed("CHUNKTAIL", 3, 0, 4);
        long next = START + 3 * 288 * STEP; // the first candle not seeded
        Random random = new Random(5);
        // 2 minutes into the bucket of next: it is open, though the exchange already sent (and we stored) its candle.
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(next + 2 * 60_000));
        KlineChunks chunks = new KlineChunks(jdbc, 64L << 20, new SimpleMeterRegistry());
        KlineQuery query = new KlineQuery(jdbc, store, clock, chunks);
        store.write(id, List.of(candle(random, next)));

        Expected first = answer(query, id, CandleInterval.M5, null, null, 1000);
        assertThat(first).isEqualTo(reference(query, id, CandleInterval.M5, null, null, 1000));
        assertThat(first.klines()).doesNotContain("\"openTime\":" + next + ",").contains("\"openTime\":" + (next - STEP) + ",");

        clock.advance(Duration.ofMinutes(5));
        store.write(id, List.of(candle(random, next + STEP)));
        for (CandleInterval interval : List.of(CandleInterval.M5, CandleInterval.M15, CandleInterval.H1)) {
            Expected later = answer(query, id, interval, null, null, 1000);
            assertThat(later).as(interval.code()).isEqualTo(reference(query, id, interval, null, null, 1000));
        }
        assertThat(answer(query, id, CandleInterval.M5, null, null, 1000).klines())
                .contains("\"openTime\":" + next + ",").doesNotContain("\"openTime\":" + (next + STEP) + ",");
    }

    @Test
    void aTinyBudgetKeepsTheCacheUnderItAndAnswersRight() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(START + FULL_DAYS * DAY));
        long budget = 30_000; // about two 5m chunks
        KlineChunks chunks = new KlineChunks(jdbc, budget, new SimpleMeterRegistry());
        KlineQuery query = new KlineQuery(jdbc, store, clock, chunks);
        List<Request> requests = requests(new Random(7), 60);
        assertSameAsReference(query, requests, "tiny budget");
        assertSameAsReference(query, requests, "tiny budget, again");
        assertThat(chunks.sizeInBytes()).isPositive().isLessThanOrEqualTo(budget);
    }

    @Test
    void theApiAnswersTheReferenceBodyThroughTheApplicationsCache() {
        ApiClient api = new ApiClient(port);
        KlineQuery query = new KlineQuery(jdbc, store, appClock, new KlineChunks(jdbc, 0, new SimpleMeterRegistry()));
        long start = START + 5 * DAY + 7 * STEP;
        for (CandleInterval interval : List.of(CandleInterval.M5, CandleInterval.H4)) {
            Expected expected = reference(query, full, interval, start, null, 777);
            String body = "{\"symbol\":\"CHUNKFULLUSDT\",\"exchange\":\"bybit\",\"interval\":\"" + interval.code() + "\",\"klines\":"
                    + expected.klines() + ",\"incompleteBuckets\":" + expected.incompleteBuckets() + "}";
            for (int pass = 0; pass < 2; pass++) {
                HttpResponse<String> response = api.send("GET", "/api/v1/market-data/klines/CHUNKFULLUSDT?interval="
                        + interval.code() + "&start=" + start + "&limit=777");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).as("%s pass %d", interval.code(), pass).isEqualTo(body);
            }
        }
        api.assertError("GET", "/api/v1/market-data/klines/CHUNKNONEUSDT", 404, "unknown_symbol");
    }
}
