package io.coinwatch.core.metrics;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Backfill progress from the backfill_progress table the market-data role keeps: per symbol and overall, as the share
 * of each symbol's time range already fetched, with an ETA from the rate since the backfill started. Time-weighted,
 * so a symbol listed last month counts less than one with five years of history.
 */
@Component
public class BackfillProgress {

    /** One symbol's backfill; times in epoch ms, etaSeconds null when it cannot be estimated (pending, failed, no rate yet). */
    public record SymbolProgress(String exchange, String symbol, String status, double percent, long candlesWritten,
                                 long startedAt, long updatedAt, Long etaSeconds) {
    }

    /** All symbols together. */
    public record Overall(double percent, int symbols, Map<String, Integer> byStatus, long candlesWritten, Long etaSeconds) {
    }

    public record Report(Overall overall, List<SymbolProgress> symbols) {
    }

    /** A row as stored, times in epoch ms; now is the database's clock, the same one that wrote started_at. */
    record Row(String exchange, String symbol, String status, long rangeStart, long rangeEnd, long nextOpenTime,
               long candlesWritten, long startedAt, long updatedAt, long now) {

        long span() {
            return Math.max(0, rangeEnd - rangeStart);
        }

        long covered() {
            return "done".equals(status) ? span() : Math.min(span(), Math.max(0, nextOpenTime - rangeStart));
        }

        /** Only a running or finished backfill has a rate: a pending one has not started, a failed one is not moving. */
        boolean moving() {
            return "running".equals(status) || "done".equals(status);
        }
    }

    private final JdbcTemplate jdbc;

    public BackfillProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Report report() {
        List<Row> rows = jdbc.query("""
                SELECT s.exchange, s.symbol, b.status, b.range_start, b.range_end, b.next_open_time, b.candles_written,
                       b.started_at, b.updated_at, now()
                FROM backfill_progress b JOIN symbol s ON s.id = b.symbol_id
                ORDER BY s.exchange, s.symbol""",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), millis(rs.getTimestamp(4)),
                        millis(rs.getTimestamp(5)), millis(rs.getTimestamp(6)), rs.getLong(7), millis(rs.getTimestamp(8)),
                        millis(rs.getTimestamp(9)), millis(rs.getTimestamp(10))));
        return report(rows);
    }

    static Report report(List<Row> rows) {
        List<SymbolProgress> symbols = rows.stream().map(r -> new SymbolProgress(r.exchange(), r.symbol(), r.status(),
                percent(r.covered(), r.span()), r.candlesWritten(), r.startedAt(), r.updatedAt(), eta(r))).toList();
        Map<String, Integer> byStatus = new TreeMap<>();
        rows.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        long span = rows.stream().mapToLong(Row::span).sum();
        long covered = rows.stream().mapToLong(Row::covered).sum();
        long candles = rows.stream().mapToLong(Row::candlesWritten).sum();
        return new Report(new Overall(percent(covered, span), rows.size(), byStatus, candles, overallEta(rows)), symbols);
    }

    /** Remaining range divided by the rate this symbol has covered its range at since it started. */
    private static Long eta(Row r) {
        if ("done".equals(r.status())) {
            return 0L;
        }
        long elapsed = r.now() - r.startedAt();
        if (!r.moving() || r.covered() == 0 || elapsed <= 0) {
            return null;
        }
        return secondsFor(r.span() - r.covered(), (double) r.covered() / elapsed);
    }

    /**
     * All that is left, at the rate all moving backfills together have covered range since the first of them started
     * (symbols may run side by side, so per-symbol rates do not add up to wall-clock time).
     */
    private static Long overallEta(List<Row> rows) {
        List<Row> moving = rows.stream().filter(Row::moving).toList();
        long remaining = rows.stream().filter(r -> !"done".equals(r.status())).mapToLong(r -> r.span() - r.covered()).sum();
        if (remaining == 0) {
            return rows.isEmpty() ? null : 0L;
        }
        long covered = moving.stream().mapToLong(Row::covered).sum();
        long firstStart = moving.stream().mapToLong(Row::startedAt).min().orElse(0);
        long elapsed = moving.isEmpty() ? 0 : moving.get(0).now() - firstStart;
        if (covered == 0 || elapsed <= 0) {
            return null;
        }
        return secondsFor(remaining, (double) covered / elapsed);
    }

    /** Wall-clock seconds to cover the remaining range (ms) at a rate in range-ms per wall-clock ms. */
    private static long secondsFor(long remainingRangeMs, double rate) {
        return Math.round(remainingRangeMs / rate / 1000.0);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 100.0 : Math.round(part * 10000.0 / whole) / 100.0;
    }

    private static long millis(Timestamp t) {
        return t == null ? 0 : t.getTime();
    }
}
