package io.coinwatch.marketdata;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Backfill progress from backfill_progress, the one calculation: GET /market-data/backfill/status answers it per
 * exchange, and this process's system.status carries the overall figure per exchange, which is where /system/metrics
 * takes it from. Time-weighted (a symbol listed last month counts less than one with five years of history), with an
 * ETA from the rate each backfill has covered its range at since it started.
 */
@Component("backfillReport")
public class BackfillReport {

    /** One symbol's backfill; times in epoch ms, etaSeconds null when it cannot be estimated (pending, failed, no rate yet). */
    @Schema(name = "BackfillSymbolProgress")
    public record SymbolProgress(String symbol, String status, long rangeStart, long rangeEnd, long nextOpenTime,
                                 long candlesWritten, double percent, Long etaSeconds, long startedAt, long updatedAt,
                                 String lastError) {
    }

    /** All symbols of an exchange together. */
    @Schema(name = "BackfillOverall")
    public record Overall(double percent, int symbols, Map<String, Integer> byStatus, long candlesWritten, Long etaSeconds) {
    }

    @Schema(name = "BackfillReport")
    public record Report(String exchange, Overall overall, List<SymbolProgress> symbols) {
    }

    /** A row as stored, times in epoch ms; now is the database's clock, the same one that wrote started_at. */
    record Row(String exchange, String symbol, String status, long rangeStart, long rangeEnd, long nextOpenTime,
               long candlesWritten, long startedAt, long updatedAt, String lastError, long now) {

        /** range_end is the open time of the last candle, so the range covers one candle beyond it. */
        long span() {
            return Math.max(0, rangeEnd + CandleInterval.BASE_MILLIS - rangeStart);
        }

        long covered() {
            return "done".equals(status) ? span() : Math.min(span(), Math.max(0, nextOpenTime - rangeStart));
        }

        /** Only a running or finished backfill has a rate: a pending one has not started, a failed one is not moving. */
        boolean moving() {
            return "running".equals(status) || "done".equals(status);
        }
    }

    private static final String ROWS = """
            SELECT s.exchange, s.symbol, b.status, b.range_start, b.range_end, b.next_open_time, b.candles_written,
                   b.started_at, b.updated_at, b.last_error, now()
            FROM backfill_progress b JOIN symbol s ON s.id = b.symbol_id
            WHERE s.exchange = ? OR ?::text IS NULL
            ORDER BY s.exchange, s.symbol""";

    private final JdbcTemplate jdbc;

    public BackfillReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** GET /market-data/backfill/status: one exchange, overall and per symbol. */
    public Report report(String exchange) {
        return of(exchange, rows(exchange));
    }

    /** The overall figure of every exchange with a backfill, as system.status carries it. */
    public Map<String, Overall> overallByExchange() {
        Map<String, List<Row>> byExchange = rows(null).stream()
                .collect(Collectors.groupingBy(Row::exchange, TreeMap::new, Collectors.toList()));
        Map<String, Overall> overall = new LinkedHashMap<>();
        byExchange.forEach((exchange, rows) -> overall.put(exchange, overall(rows)));
        return overall;
    }

    private List<Row> rows(String exchange) {
        return jdbc.query(ROWS, (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                millis(rs.getTimestamp(4)), millis(rs.getTimestamp(5)), millis(rs.getTimestamp(6)), rs.getLong(7),
                millis(rs.getTimestamp(8)), millis(rs.getTimestamp(9)), rs.getString(10), millis(rs.getTimestamp(11))),
                exchange, exchange);
    }

    static Report of(String exchange, List<Row> rows) {
        List<SymbolProgress> symbols = rows.stream().map(r -> new SymbolProgress(r.symbol(), r.status(), r.rangeStart(),
                r.rangeEnd(), r.nextOpenTime(), r.candlesWritten(), percent(r.covered(), r.span()), eta(r), r.startedAt(),
                r.updatedAt(), r.lastError())).toList();
        return new Report(exchange, overall(rows), symbols);
    }

    static Overall overall(List<Row> rows) {
        Map<String, Integer> byStatus = new TreeMap<>();
        rows.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        long span = rows.stream().mapToLong(Row::span).sum();
        long covered = rows.stream().mapToLong(Row::covered).sum();
        long candles = rows.stream().mapToLong(Row::candlesWritten).sum();
        return new Overall(percent(covered, span), rows.size(), byStatus, candles, overallEta(rows));
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
