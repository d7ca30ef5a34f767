package io.coinwatch.marketdata;

import java.io.ByteArrayOutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.model.Candle;

/**
 * Reads candles for the API in any interval. Derived intervals are aggregated on read from the 5m rows through the
 * primary key's range scan (symbol, interval, open_time); a bucket is returned only when all of its 5m candles are
 * stored, so a bucket with a hole or one still open never appears. The API's answers come from {@link KlineChunks}.
 */
@Component("klineQuery")
public class KlineQuery {

    /** Monday 2000-01-03 00:00 UTC: every bucket, weeks included, is aligned to it. */
    private static final String ORIGIN = "2000-01-03 00:00:00+00";
    static final long ORIGIN_MILLIS = Instant.parse("2000-01-03T00:00:00Z").toEpochMilli();

    static final String AGGREGATE = """
            SELECT date_bin(make_interval(mins => ?), open_time, TIMESTAMPTZ '%s') AS bucket,
                   (array_agg(open ORDER BY open_time))[1] AS open, max(high) AS high, min(low) AS low,
                   (array_agg(close ORDER BY open_time DESC))[1] AS close, sum(volume) AS volume, sum(turnover) AS turnover
            FROM candle WHERE symbol_id = ? AND interval_minutes = ? AND open_time >= ? AND open_time < ?
            GROUP BY 1 HAVING count(*) = ? ORDER BY 1""".formatted(ORIGIN);

    static final String BASE = """
            SELECT open_time AS bucket, open, high, low, close, volume, turnover
            FROM candle WHERE symbol_id = ? AND interval_minutes = ? AND open_time BETWEEN ? AND ?""";

    private final JdbcTemplate jdbc;
    private final CandleStore store;
    private final Clock clock;
    private final KlineChunks chunks;

    public KlineQuery(JdbcTemplate jdbc, CandleStore store, Clock clock, KlineChunks chunks) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.store = store;
        this.chunks = chunks;
    }

    /** The open times of the first and last bucket of an answer, inclusive; from > to when there is none. */
    public record Window(long from, long to) {
        public boolean isEmpty() {
            return to < from;
        }
    }

    /**
     * The buckets a request covers. start and end are open times (inclusive), either may be null: start alone gives
     * the first {@code limit} buckets from start, neither gives the latest {@code limit}; never past the last closed one.
     */
    public Window window(CandleInterval interval, Long start, Long end, int limit) {
        long step = interval.millis();
        long lastClosedBucket = lastClosedBucket(interval);
        long to = Math.min(end == null ? lastClosedBucket : bucketOf(end, step), lastClosedBucket);
        if (start == null) {
            return new Window(to - (limit - 1) * step, to);
        }
        long from = bucketOf(start, step) + (bucketOf(start, step) < start ? step : 0);
        return new Window(from, Math.min(to, from + (limit - 1) * step));
    }

    /** Open time of the interval's last bucket that is closed now. */
    private long lastClosedBucket(CandleInterval interval) {
        long step = interval.millis();
        return bucketOf(CandleInterval.lastClosedOpenTime(clock.millis()) + CandleInterval.BASE_MILLIS, step) - step;
    }

    /**
     * Writes the complete buckets of a request's {@link #window} as the API's JSON array, from {@link KlineChunks}, and
     * returns incompleteBuckets: the buckets of the window left out, with a hole or still open.
     */
    public long writeJson(int symbolId, CandleInterval interval, Long start, Long end, int limit, ByteArrayOutputStream out) {
        Window window = window(interval, start, end, limit);
        out.write('[');
        long written = window.isEmpty() ? 0
                : chunks.write(symbolId, interval, window.from(), window.to(), lastClosedBucket(interval), out);
        out.write(']');
        return window.isEmpty() ? 0 : (window.to() - window.from()) / interval.millis() + 1 - written;
    }

    /** Every complete bucket with an open time in [from, to], ascending. */
    public List<Candle> readRange(int symbolId, CandleInterval interval, long from, long to) {
        if (interval.isBase()) {
            return store.read(symbolId, from, to, Integer.MAX_VALUE);
        }
        return jdbc.query(AGGREGATE, (rs, i) -> new Candle(rs.getTimestamp(1).getTime(), rs.getBigDecimal(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)),
                aggregateParameters(symbolId, interval, from, to));
    }

    /** AGGREGATE's parameters for the buckets with an open time in [from, to]. */
    static Object[] aggregateParameters(int symbolId, CandleInterval interval, long from, long to) {
        return new Object[] {interval.minutes(), symbolId, CandleInterval.BASE_MINUTES, ts(from), ts(to + interval.millis()),
                interval.baseCandles()};
    }

    /** Start of the bucket containing the given time. */
    static long bucketOf(long millis, long step) {
        return ORIGIN_MILLIS + Math.floorDiv(millis - ORIGIN_MILLIS, step) * step;
    }

    static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
