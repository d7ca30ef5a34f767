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
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The klines API's candles as JSON bytes, history from a bounded memory cache of immutable pre-rendered chunks and
 * only the rest from PostgreSQL. A chunk is {@link #BUCKETS} consecutive buckets of one symbol and interval, aligned to
 * KlineQuery's origin (Monday 2000-01-03 UTC), so every process cuts the same chunks. What is cached of a chunk is its
 * closed, complete start: from its first bucket, every bucket closed (before the clock's last closed one) and present
 * (a derived one with all its 5m candles), up to the first that is not; a chunk whose buckets are all so is final.
 * The rest of a chunk (the growing tail, or what follows a hole) is read from PostgreSQL for that request, and what of
 * it has since become closed and complete is appended. Stored candles never change (writes are INSERT ... ON CONFLICT DO
 * NOTHING, nothing deletes them) and a gapless run of closed buckets cannot gain one, so a cached chunk stays equal to
 * what PostgreSQL would answer: correct across replicas and restarts without any invalidation. A candle deleted by hand
 * stays served from a chunk cached before: restart the process after such a repair.
 *
 * <p>The cache is weighed in bytes ({@code coinwatch.market-data.klines-cache.max-bytes}, 0 disables it). Missing chunks
 * of one request are read with one range query; requests missing the same chunk at once wait for a single load.
 */
public class KlineChunks {

    /**
     * Buckets per chunk. A chunk is read whole when first missed, and a symbol's first chunk, partial (before launch)
     * and so never cached, is read on every request that reaches it: 64 keeps that at 5h20m of 5m candles, 64 hours
     * of 1h and 64 days of 1d (each day aggregates 288 rows), while a 1,000-candle request joins only 16 or 17 slices.
     */
    static final int BUCKETS = 64;

    private static final long ORIGIN = KlineQuery.ORIGIN_MILLIS;

    /**
     * One candle per row: its open time and its six numbers as PostgreSQL prints them (full precision, as the API
     * always answered), comma-separated. Only the values are kept: the JSON keys, two thirds of a rendered candle's
     * bytes, are put back on output, so the same budget holds 2.5 times as many candles.
     */
    private static final String RENDERED = """
            SELECT (extract(epoch FROM bucket) * 1000)::bigint, concat_ws(',', open, high, low, close, volume, turnover)
            FROM (%s) k ORDER BY bucket""";
    /** What precedes each value of a candle in the API's JSON, in RENDERED's order; the open time comes first. */
    private static final byte[][] KEYS = Stream.of("{\"openTime\":", ",\"open\":", ",\"high\":", ",\"low\":", ",\"close\":",
            ",\"volume\":", ",\"turnover\":").map(key -> key.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final String BASE_RENDERED = RENDERED.formatted(KlineQuery.BASE);
    private static final String AGGREGATE_RENDERED = RENDERED.formatted(KlineQuery.AGGREGATE);

    /** A chunk: the index-th run of BUCKETS buckets from the origin. */
    record Key(int symbolId, CandleInterval interval, long index) {
    }

    /**
     * Candles as their RENDERED values, back to back in one ASCII array: candle i's six comma-separated numbers are
     * values[offsets[i], offsets[i + 1]). Immutable once built.
     */
    record Rendered(long[] openTimes, int[] offsets, byte[] values) {

        int size() {
            return openTimes.length;
        }

        /** Bytes held, arrays' headers included, for the cache's weigher. */
        int weight() {
            return values.length + openTimes.length * 8 + offsets.length * 4 + 64;
        }

        /** Index of the first candle with an open time at or after the given one. */
        int indexOf(long openTime) {
            int i = Arrays.binarySearch(openTimes, openTime);
            return i >= 0 ? i : -i - 1;
        }
    }

    /**
     * What is cached of a chunk: its candles from its first bucket up to {@code end} (exclusive), every one of them
     * closed and stored, so nothing can change in it. end is the chunk's end once the chunk is complete; before that
     * (the newest chunk, or one with a hole) the buckets from end on are read from PostgreSQL and the part found
     * closed and gapless is appended.
     */
    record Chunk(Rendered candles, long end) {
    }

    private final JdbcTemplate jdbc;
    private final AsyncCache<Key, Chunk> cache;

    /** @param maxBytes the cache's budget; 0 disables it (every request is read from PostgreSQL) */
    public KlineChunks(JdbcTemplate jdbc, long maxBytes, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Chunk chunk) -> chunk.candles().weight())
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
     * returns how many it wrote. lastClosed is the open time of the interval's last closed bucket: nothing after it is
     * ever cached.
     */
    public long write(int symbolId, CandleInterval interval, long from, long to, long lastClosed, ByteArrayOutputStream out) {
        Slices slices = new Slices(out, from, to);
        if (cache == null) {
            slices.add(render(symbolId, interval, from, to));
            return slices.written;
        }
        long step = interval.millis();
        List<Key> keys = new ArrayList<>();
        for (long index = Math.floorDiv(from - ORIGIN, step * BUCKETS); index <= Math.floorDiv(to - ORIGIN, step * BUCKETS); index++) {
            keys.add(new Key(symbolId, interval, index));
        }
        Map<Key, Rendered> loaded = new HashMap<>();
        Map<Key, Chunk> cached = cached(keys, lastClosed, loaded);
        Uncached rest = new Uncached(symbolId, interval, lastClosed, slices);
        for (Key key : keys) {
            long needed = Math.min(start(key) + BUCKETS * step, to + step);
            Chunk chunk = cached.get(key);
            if (loaded.containsKey(key)) {
                rest.read();
                slices.add(loaded.get(key));
            } else if (chunk == null) {
                // Loaded by another request at the same time and evicted already: read it here.
                rest.add(null, null, Math.max(start(key), from), needed);
            } else {
                if (chunk.candles().size() > 0) {
                    rest.read();
                    slices.add(chunk.candles());
                }
                if (chunk.end() < needed) {
                    rest.add(key, chunk, Math.max(chunk.end(), from), needed);
                }
            }
        }
        rest.read();
        return slices.written;
    }

    /**
     * The parts of a request's chunks that are not cached, in order and adjacent, read with one query once a cached
     * part (or the end) follows them; what of a chunk's part starts right at its cached end and is closed and gapless
     * is appended to it.
     */
    private final class Uncached {
        private final int symbolId;
        private final CandleInterval interval;
        private final long lastClosed;
        private final Slices slices;
        private final List<Key> keys = new ArrayList<>();
        private final List<Chunk> chunks = new ArrayList<>();
        private boolean pending;
        private long from;
        private long end;

        Uncached(int symbolId, CandleInterval interval, long lastClosed, Slices slices) {
            this.symbolId = symbolId;
            this.interval = interval;
            this.lastClosed = lastClosed;
            this.slices = slices;
        }

        /** The buckets of [from, end) of a chunk, cached up to chunk.end() (key and chunk null when not cached). */
        void add(Key key, Chunk chunk, long from, long end) {
            if (!pending) {
                this.from = from;
                pending = true;
            }
            this.end = end;
            if (chunk != null && chunk.end() == from) {
                keys.add(key);
                chunks.add(chunk);
            }
        }

        void read() {
            if (!pending) {
                return;
            }
            Rendered rows = render(symbolId, interval, from, end - interval.millis());
            slices.add(rows);
            for (int i = 0; i < keys.size(); i++) {
                Chunk chunk = chunks.get(i);
                int first = rows.indexOf(chunk.end());
                extend(keys.get(i), chunk, slice(rows, first, rows.indexOf(start(keys.get(i)) + BUCKETS * interval.millis())), lastClosed);
            }
            keys.clear();
            chunks.clear();
            pending = false;
        }
    }

    /**
     * The cached chunks of keys, loading the missing ones; every chunk loaded is also put, whole as read, in
     * {@code loaded}, since its cached part may be shorter.
     */
    private Map<Key, Chunk> cached(List<Key> keys, long lastClosed, Map<Key, Rendered> loaded) {
        try {
            return cache.getAll(keys, (missing, executor) -> CompletableFuture.completedFuture(load(missing, lastClosed, loaded))).join();
        } catch (CompletionException e) {
            // Another request's load of a shared chunk failed (the database, say): the same failure as our own.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Reads the missing chunks of one request with one range query, puts each in {@code loaded} and returns what to
     * cache of each: its closed, gapless start.
     */
    private Map<Key, Chunk> load(Iterable<? extends Key> missing, long lastClosed, Map<Key, Rendered> loaded) {
        Key low = null;
        Key high = null;
        for (Key key : missing) {
            low = low == null || key.index() < low.index() ? key : low;
            high = high == null || key.index() > high.index() ? key : high;
        }
        CandleInterval interval = low.interval();
        long step = interval.millis();
        Rendered rows = render(low.symbolId(), interval, start(low), start(high) + (BUCKETS - 1) * step);
        Map<Key, Chunk> cacheable = new HashMap<>();
        for (Key key : missing) {
            Rendered chunk = slice(rows, rows.indexOf(start(key)), rows.indexOf(start(key) + BUCKETS * step));
            loaded.put(key, chunk);
            int prefix = gapless(chunk, 0, start(key), lastClosed, step);
            // Even an empty start is kept: later requests then read only the buckets they need, not the whole chunk.
            cacheable.put(key, new Chunk(prefix == chunk.size() ? chunk : slice(chunk, 0, prefix), start(key) + prefix * step));
        }
        return cacheable;
    }

    /**
     * How many candles of rows, from index i on, have consecutive open times from {@code openTime} on, none after
     * lastClosed: the part that can never change, since every bucket of it is closed and stored.
     */
    private static int gapless(Rendered rows, int i, long openTime, long lastClosed, long step) {
        int n = 0;
        while (i + n < rows.size() && rows.openTimes()[i + n] == openTime + n * step && openTime + n * step <= lastClosed) {
            n++;
        }
        return n;
    }

    /** Caches the chunk with the gapless, closed start of rest (read after it) appended, when there is one. */
    private void extend(Key key, Chunk chunk, Rendered rest, long lastClosed) {
        int more = gapless(rest, 0, chunk.end(), lastClosed, key.interval().millis());
        if (more > 0) {
            // A request extending the same chunk at the same time may put a shorter one last: still correct.
            cache.put(key, CompletableFuture.completedFuture(new Chunk(join(chunk.candles(), slice(rest, 0, more)),
                    chunk.end() + more * key.interval().millis())));
        }
    }

    /** Two runs of rendered candles, one after the other, as one. */
    private static Rendered join(Rendered a, Rendered b) {
        int[] offsets = Arrays.copyOf(a.offsets(), a.size() + b.size() + 1);
        for (int i = 1; i <= b.size(); i++) {
            offsets[a.size() + i] = a.values().length + b.offsets()[i];
        }
        long[] openTimes = Arrays.copyOf(a.openTimes(), a.size() + b.size());
        System.arraycopy(b.openTimes(), 0, openTimes, a.size(), b.size());
        byte[] values = Arrays.copyOf(a.values(), a.values().length + b.values().length);
        System.arraycopy(b.values(), 0, values, a.values().length, b.values().length);
        return new Rendered(openTimes, offsets, values);
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
                Arrays.copyOfRange(rows.values(), base, rows.offsets()[to]));
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
        private final ByteArrayOutputStream values = new ByteArrayOutputStream();
        private long[] openTimes = new long[BUCKETS];
        private int[] offsets = new int[BUCKETS + 1];
        private int size;

        void add(long openTime, String candle) {
            if (size == openTimes.length) {
                openTimes = Arrays.copyOf(openTimes, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2 + 1);
            }
            openTimes[size] = openTime;
            values.writeBytes(candle.getBytes(StandardCharsets.US_ASCII));
            offsets[++size] = values.size();
        }

        Rendered build() {
            return new Rendered(Arrays.copyOf(openTimes, size), Arrays.copyOf(offsets, size + 1), values.toByteArray());
        }
    }

    /** Writes the candles of [from, to] from successive chunks as the API's JSON objects, comma-separated. */
    private static final class Slices {
        private final ByteArrayOutputStream out;
        private final long from;
        private final long to;
        private long written;
        /** A slice's JSON, built here and handed to out in one write (its methods take a lock each). */
        private byte[] buffer = new byte[16_384];
        private int length;

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
            length = 0;
            for (int i = first; i < end; i++) {
                if (written > 0 || i > first) {
                    append((byte) ',');
                }
                json(chunk, i);
            }
            out.write(buffer, 0, length);
            written += end - first;
        }

        /** Candle i of the chunk as {"openTime":...,"open":...,...,"turnover":...}. */
        private void json(Rendered chunk, int i) {
            append(KEYS[0]);
            append(Long.toString(chunk.openTimes()[i]).getBytes(StandardCharsets.US_ASCII));
            byte[] values = chunk.values();
            int key = 1;
            int valueStart = chunk.offsets()[i];
            int candleEnd = chunk.offsets()[i + 1];
            for (int p = valueStart; p <= candleEnd; p++) {
                if (p == candleEnd || values[p] == ',') {
                    append(KEYS[key++]);
                    appendRange(values, valueStart, p - valueStart);
                    valueStart = p + 1;
                }
            }
            append((byte) '}');
        }

        private void append(byte b) {
            ensure(1);
            buffer[length++] = b;
        }

        private void append(byte[] bytes) {
            appendRange(bytes, 0, bytes.length);
        }

        private void appendRange(byte[] bytes, int offset, int count) {
            ensure(count);
            System.arraycopy(bytes, offset, buffer, length, count);
            length += count;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }
}
