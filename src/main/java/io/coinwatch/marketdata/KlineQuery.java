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

    /**
     * start and end are open times (inclusive), either may be null: start alone gives the first {@code limit}
     * candles from start, neither gives the latest {@code limit}.
     */
    public Result read(int symbolId, Interval interval, Long start, Long end, int limit) {
        long step = interval.millis();
        long lastClosedBucket = bucketOf(CandleInterval.lastClosedOpenTime(clock.millis()) + CandleInterval.BASE_MILLIS, step) - step;
        long to = Math.min(end == null ? lastClosedBucket : bucketOf(end, step), lastClosedBucket);
        long from;
        if (start != null) {
            from = bucketOf(start, step) + (bucketOf(start, step) < start ? step : 0);
            to = Math.min(to, from + (limit - 1) * step);
        } else {
            from = to - (limit - 1) * step;
        }
        if (to < from) {
            return new Result(List.of(), 0);
        }
        List<Candle> candles = interval.isBase() ? store.read(symbolId, from, to, limit) : jdbc.query(AGGREGATE, (rs, i) -> new Candle(rs.getTimestamp(1).getTime(), rs.getBigDecimal(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)),
                interval.minutes(), symbolId, CandleInterval.BASE_MINUTES, ts(from), ts(to + step), interval.baseCandles());
        long buckets = (to - from) / step + 1;
        return new Result(candles, buckets - candles.size());
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
