package io.coinwatch.marketdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The klines API's candles as JSON bytes, history from a bounded memory cache of immutable pre-rendered chunks and
 * only the rest from PostgreSQL. A chunk is {@link #BUCKETS} consecutive buckets of one symbol and interval, aligned to
 * KlineQuery's origin (Monday 2000-01-03 UTC), so every process cuts the same chunks. A chunk is cached only when it is
 * closed (its last bucket closed) and complete (every bucket present, a derived one with all its 5m candles); any other
 * chunk, the growing tail or one with a hole, is read from PostgreSQL for that request only. Stored candles are closed
 * and never change (writes are INSERT ... ON CONFLICT DO NOTHING, nothing deletes them), so a cached chunk stays equal to
 * what PostgreSQL would answer: correct across replicas and restarts without any invalidation. A candle deleted by hand
 * stays served from a chunk cached before: restart the process after such a repair.
 *
 * <p>The cache is weighed in bytes ({@code coinwatch.market-data.klines-cache.max-bytes}, 0 disables it). Missing chunks
 * of one request are read with one range query; requests missing the same chunk at once wait for a single load.
 */
public class KlineChunks {

    /**
     * Buckets per chunk. The chunk length bounds what every request still reads from PostgreSQL: the open tail (up to
     * BUCKETS - 1 closed buckets after the last closed chunk) and a symbol's first, partial chunk. 64 keeps that tail at
     * 5h20m of 5m candles, 64 hours of 1h and 64 days of 1d (each day aggregates 288 rows), while 64 x 1w (1.2 years)
     * still leaves complete weekly chunks in a few years of history; a 1,000-candle request joins 16 or 17 slices.
     */
    static final int BUCKETS = 64;

    private static final long ORIGIN = KlineQuery.ORIGIN_MILLIS;

    /** One candle per row, rendered by PostgreSQL exactly as the API always printed it (numerics in full precision). */
    private static final String RENDERED = """
            SELECT (extract(epoch FROM bucket) * 1000)::bigint,
                   format('{"openTime":%%s,"open":%%s,"high":%%s,"low":%%s,"close":%%s,"volume":%%s,"turnover":%%s}',
                          (extract(epoch FROM bucket) * 1000)::bigint, open, high, low, close, volume, turnover)
            FROM (%s) k ORDER BY bucket""";
    private static final String BASE_RENDERED = RENDERED.formatted(KlineQuery.BASE);
    private static final String AGGREGATE_RENDERED = RENDERED.formatted(KlineQuery.AGGREGATE);

    /** A chunk: the index-th run of BUCKETS buckets from the origin. */
    record Key(int symbolId, CandleInterval interval, long index) {
    }

    /**
     * Candles rendered as JSON objects, each followed by a comma, back to back in one UTF-8 array: candle i is
     * json[offsets[i], offsets[i + 1] - 1). Immutable once built.
     */
    record Rendered(long[] openTimes, int[] offsets, byte[] json) {

        int size() {
            return openTimes.length;
        }

        /** Bytes held, arrays' headers included, for the cache's weigher. */
        int weight() {
            return json.length + openTimes.length * 8 + offsets.length * 4 + 64;
        }

        /** Index of the first candle with an open time at or after the given one. */
        int indexOf(long openTime) {
            int i = Arrays.binarySearch(openTimes, openTime);
            return i >= 0 ? i : -i - 1;
        }
    }

    private final JdbcTemplate jdbc;
    private final AsyncCache<Key, Rendered> cache;

    /** @param maxBytes the cache's budget; 0 disables it (every request is read from PostgreSQL) */
    public KlineChunks(JdbcTemplate jdbc, long maxBytes, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Rendered chunk) -> chunk.weight())
                // Evictions on the caller's thread: the budget holds as soon as a load returns, no pool thread needed.
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, "klines");
            Gauge.builder("coinwatch.klines.cache.bytes", this, KlineChunks::sizeInBytes)
                    .description("Bytes of pre-rendered candle chunks held for the klines API").baseUnit("bytes").register(registry);
        }
    }

    /**
     * Writes the complete buckets with an open time in [from, to] as comma-separated JSON objects (no brackets) and
     * returns how many it wrote. lastClosed is the open time of the interval's last closed bucket: chunks ending after
     * it are never cached.
     */
    public long write(int symbolId, CandleInterval interval, long from, long to, long lastClosed, ByteArrayOutputStream out) {
        long span = interval.millis() * BUCKETS;
        long first = Math.floorDiv(from - ORIGIN, span);
        long lastCacheable = cache == null ? first - 1
                : Math.min(Math.floorDiv(to - ORIGIN, span), Math.floorDiv(lastClosed + interval.millis() - ORIGIN, span) - 1);
        Slices slices = new Slices(out, from, to);
        if (lastCacheable >= first) {
            List<Key> keys = new ArrayList<>();
            for (long index = first; index <= lastCacheable; index++) {
                keys.add(new Key(symbolId, interval, index));
            }
            Map<Key, Rendered> uncached = new HashMap<>();
            Map<Key, Rendered> cached = cached(keys, uncached);
            for (Key key : keys) {
                Rendered chunk = cached.get(key);
                if (chunk == null) {
                    chunk = uncached.get(key);
                }
                if (chunk == null) {
                    // Another request was loading this chunk and found it incomplete: not cached, so read it here.
                    chunk = render(symbolId, interval, start(key), start(key) + span - interval.millis());
                }
                slices.add(chunk);
            }
        }
        long tailFrom = Math.max(from, ORIGIN + (lastCacheable + 1) * span);
        if (tailFrom <= to) {
            slices.add(render(symbolId, interval, tailFrom, to));
        }
        return slices.written;
    }

    /** The cached chunks of keys, loading the missing ones; those not cacheable are put in {@code uncached}. */
    private Map<Key, Rendered> cached(List<Key> keys, Map<Key, Rendered> uncached) {
        try {
            return cache.getAll(keys, (missing, executor) -> CompletableFuture.completedFuture(load(missing, uncached))).join();
        } catch (CompletionException e) {
            // Another request's load of a shared chunk failed (the database, say): the same failure as our own.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Reads the missing chunks of one request with one range query; returns those to cache (closed and complete) and
     * puts the others, for this request only, in {@code uncached}.
     */
    private Map<Key, Rendered> load(Iterable<? extends Key> missing, Map<Key, Rendered> uncached) {
        Key low = null;
        Key high = null;
        for (Key key : missing) {
            low = low == null || key.index() < low.index() ? key : low;
            high = high == null || key.index() > high.index() ? key : high;
        }
        CandleInterval interval = low.interval();
        long step = interval.millis();
        Rendered rows = render(low.symbolId(), interval, start(low), start(high) + (BUCKETS - 1) * step);
        Map<Key, Rendered> complete = new HashMap<>();
        for (Key key : missing) {
            int from = rows.indexOf(start(key));
            Rendered chunk = slice(rows, from, rows.indexOf(start(key) + BUCKETS * step));
            (chunk.size() == BUCKETS ? complete : uncached).put(key, chunk);
        }
        return complete;
    }

    private static long start(Key key) {
        return ORIGIN + key.index() * key.interval().millis() * BUCKETS;
    }

    /** The complete buckets with an open time in [from, to], rendered. */
    private Rendered render(int symbolId, CandleInterval interval, long from, long to) {
        Builder rows = new Builder();
        if (interval.isBase()) {
            jdbc.query(BASE_RENDERED, rs -> {
                rows.add(rs.getLong(1), rs.getString(2));
            }, symbolId, CandleInterval.BASE_MINUTES, KlineQuery.ts(from), KlineQuery.ts(to));
        } else {
            jdbc.query(AGGREGATE_RENDERED, rs -> {
                rows.add(rs.getLong(1), rs.getString(2));
            }, KlineQuery.aggregateParameters(symbolId, interval, from, to));
        }
        return rows.build();
    }

    /** Candles [from, to) of rendered rows as a chunk of their own, so a cached chunk holds no bytes of its neighbours. */
    private static Rendered slice(Rendered rows, int from, int to) {
        int base = rows.offsets()[from];
        int[] offsets = new int[to - from + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = rows.offsets()[from + i] - base;
        }
        return new Rendered(Arrays.copyOfRange(rows.openTimes(), from, to), offsets,
                Arrays.copyOfRange(rows.json(), base, rows.offsets()[to]));
    }

    /** Bytes held by the cache now (0 when disabled). */
    public long sizeInBytes() {
        if (cache == null) {
            return 0;
        }
        cache.synchronous().cleanUp();
        return cache.synchronous().policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** Builds a {@link Rendered} row by row. */
    private static final class Builder {
        private final ByteArrayOutputStream json = new ByteArrayOutputStream();
        private long[] openTimes = new long[BUCKETS];
        private int[] offsets = new int[BUCKETS + 1];
        private int size;

        void add(long openTime, String candle) {
            if (size == openTimes.length) {
                openTimes = Arrays.copyOf(openTimes, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2 + 1);
            }
            openTimes[size] = openTime;
            json.writeBytes(candle.getBytes(StandardCharsets.UTF_8));
            json.write(',');
            offsets[++size] = json.size();
        }

        Rendered build() {
            return new Rendered(Arrays.copyOf(openTimes, size), Arrays.copyOf(offsets, size + 1), json.toByteArray());
        }
    }

    /** Writes the candles of [from, to] from successive chunks, comma-separated. */
    private static final class Slices {
        private final ByteArrayOutputStream out;
        private final long from;
        private final long to;
        private long written;

        Slices(ByteArrayOutputStream out, long from, long to) {
            this.out = out;
            this.from = from;
            this.to = to;
        }

        void add(Rendered chunk) {
            int first = chunk.indexOf(from);
            int end = chunk.indexOf(to + 1);
            if (first >= end) {
                return;
            }
            if (written > 0) {
                out.write(',');
            }
            // Each candle is followed by its comma: the slice ends before the last one's.
            out.write(chunk.json(), chunk.offsets()[first], chunk.offsets()[end] - 1 - chunk.offsets()[first]);
            written += end - first;
        }
    }
}
