package io.coinwatch.marketdata;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
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
                   (array_agg(open ORDER BY open_time))[1] AS open, max(high) AS high, min(low) AS low,
                   (array_agg(close ORDER BY open_time DESC))[1] AS close, sum(volume) AS volume, sum(turnover) AS turnover
            FROM candle WHERE symbol_id = ? AND interval_minutes = ? AND open_time >= ? AND open_time < ?
            GROUP BY 1 HAVING count(*) = ? ORDER BY 1""".formatted(ORIGIN);

    private static final String BASE = """
            SELECT open_time AS bucket, open, high, low, close, volume, turnover
            FROM candle WHERE symbol_id = ? AND interval_minutes = ? AND open_time BETWEEN ? AND ?""";

    /**
     * The rows of BASE or AGGREGATE rendered by PostgreSQL as the API's JSON array, and their count. Numerics print in
     * full precision as plain decimals, as the API promises; rendering them here spares the JVM decoding 6,000
     * numerics, building a map per candle and serialising them again for every 1,000-candle answer.
     */
    private static final String AS_JSON = """
            SELECT count(*), '[' || coalesce(string_agg(format(
                       '{"openTime":%%s,"open":%%s,"high":%%s,"low":%%s,"close":%%s,"volume":%%s,"turnover":%%s}',
                       (extract(epoch FROM bucket) * 1000)::bigint, open, high, low, close, volume, turnover), ',' ORDER BY bucket), '') || ']'
            FROM (%s) k""";
    private static final String BASE_JSON = AS_JSON.formatted(BASE);
    private static final String AGGREGATE_JSON = AS_JSON.formatted(AGGREGATE);

    private final JdbcTemplate jdbc;
    private final CandleStore store;
    private final Clock clock;

    public KlineQuery(JdbcTemplate jdbc, CandleStore store, Clock clock) {
        this.clock = clock;
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
    public Window window(CandleInterval interval, Long start, Long end, int limit) {
        long step = interval.millis();
        long lastClosedBucket = bucketOf(CandleInterval.lastClosedOpenTime(clock.millis()) + CandleInterval.BASE_MILLIS, step) - step;
        long to = Math.min(end == null ? lastClosedBucket : bucketOf(end, step), lastClosedBucket);
        if (start == null) {
            return new Window(to - (limit - 1) * step, to);
        }
        long from = bucketOf(start, step) + (bucketOf(start, step) < start ? step : 0);
        return new Window(from, Math.min(to, from + (limit - 1) * step));
    }

    /** An answer as the API sends it: the candles as a JSON array text, and how many buckets were left out as incomplete. */
    public record JsonResult(String klines, long incompleteBuckets) {
    }

    /**
     * The complete buckets of a request's {@link #window}, rendered to the API's JSON by the database; a bucket with a
     * hole, or one still open, is counted in incompleteBuckets instead.
     */
    public JsonResult readJson(int symbolId, CandleInterval interval, Long start, Long end, int limit) {
        Window window = window(interval, start, end, limit);
        if (window.isEmpty()) {
            return new JsonResult("[]", 0);
        }
        RowMapper<JsonResult> answer = (rs, i) -> new JsonResult(rs.getString(2),
                (window.to() - window.from()) / interval.millis() + 1 - rs.getLong(1));
        if (interval.isBase()) {
            return jdbc.queryForObject(BASE_JSON, answer,
                    symbolId, CandleInterval.BASE_MINUTES, ts(window.from()), ts(window.to()));
        }
        return jdbc.queryForObject(AGGREGATE_JSON, answer, aggregateParameters(symbolId, interval, window.from(), window.to()));
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
    private static Object[] aggregateParameters(int symbolId, CandleInterval interval, long from, long to) {
        return new Object[] {interval.minutes(), symbolId, CandleInterval.BASE_MINUTES, ts(from), ts(to + interval.millis()),
                interval.baseCandles()};
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
