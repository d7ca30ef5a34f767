package io.coinwatch.marketdata;

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
 * stored, so a bucket with a hole or one still open never appears.
 */
@Component("klineQuery")
public class KlineQuery {

    /** Monday 2000-01-03 00:00 UTC: every bucket, weeks included, is aligned to it. */
    private static final String ORIGIN = "2000-01-03 00:00:00+00";

    private static final String AGGREGATE = """
            SELECT date_bin(make_interval(mins => ?), open_time, TIMESTAMPTZ '%s') AS bucket,
                   (array_agg(open ORDER BY open_time))[1], max(high), min(low),
                   (array_agg(close ORDER BY open_time DESC))[1], sum(volume), sum(turnover)
            FROM candle WHERE symbol_id = ? AND interval_minutes = ? AND open_time >= ? AND open_time < ?
            GROUP BY 1 HAVING count(*) = ? ORDER BY 1""".formatted(ORIGIN);

    /** Candles of the answer and how many buckets of the range were left out as incomplete. */
    public record Result(List<Candle> candles, long incompleteBuckets) {
    }

    private final JdbcTemplate jdbc;
    private final CandleStore store;
    private final Clock clock = Clock.systemUTC();

    public KlineQuery(JdbcTemplate jdbc, CandleStore store) {
        this.jdbc = jdbc;
        this.store = store;
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
    public Window window(Interval interval, Long start, Long end, int limit) {
        long step = interval.millis();
        long lastClosedBucket = bucketOf(CandleInterval.lastClosedOpenTime(clock.millis()) + CandleInterval.BASE_MILLIS, step) - step;
        long to = Math.min(end == null ? lastClosedBucket : bucketOf(end, step), lastClosedBucket);
        if (start == null) {
            return new Window(to - (limit - 1) * step, to);
        }
        long from = bucketOf(start, step) + (bucketOf(start, step) < start ? step : 0);
        return new Window(from, Math.min(to, from + (limit - 1) * step));
    }

    public Result read(int symbolId, Interval interval, Long start, Long end, int limit) {
        Window window = window(interval, start, end, limit);
        if (window.isEmpty()) {
            return new Result(List.of(), 0);
        }
        List<Candle> candles = readRange(symbolId, interval, window.from(), window.to());
        long buckets = (window.to() - window.from()) / interval.millis() + 1;
        return new Result(candles, buckets - candles.size());
    }

    /** Every complete bucket with an open time in [from, to], ascending. */
    public List<Candle> readRange(int symbolId, Interval interval, long from, long to) {
        if (interval.isBase()) {
            return store.read(symbolId, from, to, Integer.MAX_VALUE);
        }
        return jdbc.query(AGGREGATE, (rs, i) -> new Candle(rs.getTimestamp(1).getTime(), rs.getBigDecimal(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)),
                interval.minutes(), symbolId, CandleInterval.BASE_MINUTES, ts(from), ts(to + interval.millis()), interval.baseCandles());
    }

    /** Start of the bucket containing the given time. */
    static long bucketOf(long millis, long step) {
        long origin = Instant.parse("2000-01-03T00:00:00Z").toEpochMilli();
        return origin + Math.floorDiv(millis - origin, step) * step;
    }

    private static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
