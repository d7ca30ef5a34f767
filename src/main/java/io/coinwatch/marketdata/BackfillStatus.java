package io.coinwatch.marketdata;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Backfill progress per symbol and overall, with an ETA from each run's pace, for the API and the monitor. */
@Component("backfillStatus")
public class BackfillStatus {

    /** One symbol's backfill. */
    public record SymbolProgress(String symbol, String status, long rangeStart, long rangeEnd, long nextOpenTime,
                                 long candlesWritten, double percent, Long etaSeconds, long updatedAt, String lastError) {
    }

    private final JdbcTemplate jdbc;

    public BackfillStatus(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Object> report(String exchange) {
        List<SymbolProgress> symbols = jdbc.query("""
                SELECT s.symbol, p.status, p.range_start, p.range_end, p.next_open_time, p.candles_written, p.started_at,
                       p.updated_at, p.last_error
                FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = ? ORDER BY s.symbol""",
                (rs, i) -> progress(rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getTimestamp(4), rs.getTimestamp(5),
                        rs.getLong(6), rs.getTimestamp(7), rs.getTimestamp(8), rs.getString(9)), exchange);
        long total = 0;
        long done = 0;
        long etaMax = 0;
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (SymbolProgress p : symbols) {
            long span = p.rangeEnd() - p.rangeStart() + CandleInterval.BASE_MILLIS;
            total += span;
            done += Math.min(span, p.nextOpenTime() - p.rangeStart());
            byStatus.merge(p.status(), 1, Integer::sum);
            if (p.etaSeconds() != null) {
                etaMax = Math.max(etaMax, p.etaSeconds());
            }
        }
        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("symbols", symbols.size());
        overall.put("byStatus", byStatus);
        overall.put("percent", total == 0 ? 100.0 : Math.round(done * 1000.0 / total) / 10.0);
        overall.put("candlesWritten", symbols.stream().mapToLong(SymbolProgress::candlesWritten).sum());
        overall.put("etaSeconds", etaMax);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("exchange", exchange);
        report.put("overall", overall);
        report.put("symbols", symbols);
        return report;
    }

    private static SymbolProgress progress(String symbol, String status, Timestamp rangeStart, Timestamp rangeEnd, Timestamp next,
                                           long written, Timestamp started, Timestamp updated, String lastError) {
        long span = rangeEnd.getTime() - rangeStart.getTime() + CandleInterval.BASE_MILLIS;
        long covered = Math.max(0, Math.min(span, next.getTime() - rangeStart.getTime()));
        double fraction = span <= 0 ? 1.0 : covered / (double) span;
        Long eta = null;
        if ("running".equals(status) && fraction > 0) {
            double elapsed = (updated.getTime() - started.getTime()) / 1000.0;
            eta = Math.round(elapsed / fraction * (1 - fraction));
        }
        return new SymbolProgress(symbol, status, rangeStart.getTime(), rangeEnd.getTime(), next.getTime(), written,
                Math.round(fraction * 1000) / 10.0, eta, updated.getTime(), lastError);
    }
}
