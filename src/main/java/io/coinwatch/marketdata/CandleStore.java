package io.coinwatch.marketdata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import io.coinwatch.core.model.Candle;

/**
 * Writes candles as fast as PostgreSQL takes them, idempotently. A page normally covers a range nobody wrote yet, so
 * it is COPYed straight into the candle table; when that hits existing rows (a resumed or repeated range), the same
 * rows go through a staging table and INSERT ... ON CONFLICT DO NOTHING, since a closed candle never changes.
 */
@Component("candleStore")
public class CandleStore {

    private static final String STAGE_DDL = "CREATE TEMP TABLE IF NOT EXISTS candle_stage "
            + "(LIKE candle INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
    private static final String COPY_COLUMNS = "(symbol_id, interval_minutes, open_time, open, high, low, close, volume, turnover)";
    private static final String COPY_CANDLE = "COPY candle " + COPY_COLUMNS + " FROM STDIN";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

    public CandleStore(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /**
     * Stores the candles (oldest first) of one symbol; returns how many rows were new. The COPY commits by itself (one
     * round trip: a savepoint, its release and a commit around it were three more per page, a visible part of the
     * backfill's time); only a range that hits stored rows takes the staging table, in a transaction of its own.
     */
    public int write(int symbolId, List<Candle> candles) {
        if (candles.isEmpty()) {
            return 0;
        }
        ensurePartitions(candles.get(0).openTime(), candles.get(candles.size() - 1).openTime());
        CandleCopyText text = copyRows(symbolId, candles);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try {
                return (int) copy(c, COPY_CANDLE, text);
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
            c.setAutoCommit(false);
            try {
                int written = copyThroughStage(c, text);
                c.commit();
                return written;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing " + candles.size() + " candles of symbol " + symbolId + " failed", e);
        }
    }

    /**
     * Stores rows already in COPY text form (see {@link CandleCopyText}) in the caller's transaction, so that what
     * the caller records about them commits or rolls back with them; returns how many were new. The months they cover
     * need their partitions first ({@link #ensurePartitions}, outside the transaction).
     */
    public int writeInTransaction(CandleCopyText text) {
        if (text.rows() == 0) {
            return 0;
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = c.setSavepoint();
            try {
                long n = copy(c, COPY_CANDLE, text);
                c.releaseSavepoint(savepoint);
                return (int) n;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(savepoint);
                return copyThroughStage(c, text);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing " + text.rows() + " candles failed", e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private int copyThroughStage(Connection c, CandleCopyText text) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(STAGE_DDL);
        }
        copy(c, "COPY candle_stage " + COPY_COLUMNS + " FROM STDIN", text);
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("INSERT INTO candle SELECT * FROM candle_stage ON CONFLICT DO NOTHING");
        }
    }

    /** Sends the rows to a COPY ... FROM STDIN statement; returns the rows copied. */
    private static long copy(Connection c, String sql, CandleCopyText text) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            text.writeTo(in);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** The candles in COPY text format, as bytes. */
    static CandleCopyText copyRows(int symbolId, List<Candle> candles) {
        CandleCopyText text = new CandleCopyText(symbolId, candles.size());
        for (Candle k : candles) {
            text.add(k);
        }
        return text;
    }

    /** Makes sure the months between the two open times have their partitions (cached: once per month and process). */
    void ensurePartitions(long fromMillis, long toMillis) {
        YearMonth from = YearMonth.from(Instant.ofEpochMilli(fromMillis).atOffset(ZoneOffset.UTC));
        YearMonth to = YearMonth.from(Instant.ofEpochMilli(toMillis).atOffset(ZoneOffset.UTC));
        if (partitions.contains(from) && partitions.contains(to)) {
            return;
        }
        jdbc.queryForObject("SELECT ensure_candle_partitions(?, ?)", Integer.class,
                Timestamp.from(Instant.ofEpochMilli(fromMillis)), Timestamp.from(Instant.ofEpochMilli(toMillis)));
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            partitions.add(m);
        }
    }

    /** Candles of one symbol between two open times (inclusive), ascending, at most {@code limit}. */
    public List<Candle> read(int symbolId, long fromMillis, long toMillis, int limit) {
        return jdbc.query("""
                SELECT open_time, open, high, low, close, volume, turnover FROM candle
                WHERE symbol_id = ? AND interval_minutes = ? AND open_time BETWEEN ? AND ?
                ORDER BY open_time LIMIT ?""", CandleStore::candle,
                symbolId, CandleInterval.BASE_MINUTES, Timestamp.from(Instant.ofEpochMilli(fromMillis)),
                Timestamp.from(Instant.ofEpochMilli(toMillis)), limit);
    }

    /** Open time of the newest stored candle, or null. */
    public Long lastOpenTime(int symbolId) {
        Timestamp t = jdbc.queryForObject("SELECT max(open_time) FROM candle WHERE symbol_id = ? AND interval_minutes = ?",
                Timestamp.class, symbolId, CandleInterval.BASE_MINUTES);
        return t == null ? null : t.getTime();
    }

    public long count(int symbolId, long fromMillis, long toMillis) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND interval_minutes = ? AND open_time BETWEEN ? AND ?",
                Long.class, symbolId, CandleInterval.BASE_MINUTES, Timestamp.from(Instant.ofEpochMilli(fromMillis)),
                Timestamp.from(Instant.ofEpochMilli(toMillis)));
        return n == null ? 0 : n;
    }

    public void quarantine(int symbolId, List<RejectedCandle> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO candle_quarantine (symbol_id, interval_minutes, open_time, raw, reason) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", rejected, rejected.size(), (PreparedStatement ps, RejectedCandle r) -> {
            ps.setInt(1, symbolId);
            ps.setInt(2, CandleInterval.BASE_MINUTES);
            ps.setLong(3, r.openTime());
            ps.setString(4, r.raw());
            ps.setString(5, r.reason());
        });
    }

    private static Candle candle(java.sql.ResultSet rs, int row) throws SQLException {
        return new Candle(rs.getTimestamp(1).getTime(), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7));
    }
}
