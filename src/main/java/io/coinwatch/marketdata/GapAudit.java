package io.coinwatch.marketdata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;

/**
 * Finds every missing candle between a symbol's range start and the last closed candle (a single one counts),
 * records it in the gap registry, plans its refetch, and settles it: repaired when the candles are now stored,
 * unfillable once the exchange has failed to provide them after the configured attempts.
 */
@Component("gapAudit")
public class GapAudit {

    private static final Logger log = LoggerFactory.getLogger(GapAudit.class);

    /** Missing runs of open times in a window, using two sentinels so head and tail holes count too. */
    private static final String MISSING_RUNS = """
            WITH c AS (
                SELECT open_time FROM candle WHERE symbol_id = ? AND interval_minutes = ? AND open_time BETWEEN ? AND ?
                UNION ALL SELECT ?::timestamptz - interval '5 minutes'
                UNION ALL SELECT ?::timestamptz + interval '5 minutes'
            ), l AS (SELECT open_time, lag(open_time) OVER (ORDER BY open_time) AS prev FROM c)
            SELECT prev + interval '5 minutes', open_time - interval '5 minutes' FROM l
            WHERE open_time - prev > interval '5 minutes' ORDER BY 1""";

    private static final String GAP_COLUMNS = """
            g.id, g.symbol_id, s.exchange, s.symbol, g.gap_start, g.gap_end, g.status, g.attempts, g.detected_at, g.last_error""";

    private final JdbcTemplate jdbc;
    private final EventOutbox outbox;
    private final MarketDataProperties properties;
    private final Clock clock;

    public GapAudit(JdbcTemplate jdbc, EventOutbox outbox, MarketDataProperties properties, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** Audits every active, collected, fully backfilled symbol (one not collected has no new candles to audit); returns the open gaps that should be refetched now. */
    @Transactional
    public List<CandleGap> detect() {
        // Two intervals of slack at the end: the newest candles are the live sync's job, not a gap yet.
        long auditEnd = CandleInterval.lastClosedOpenTime(clock.millis()) - 2 * CandleInterval.BASE_MILLIS;
        List<Map<String, Object>> symbols = jdbc.queryForList("""
                SELECT s.id, s.exchange, s.symbol, p.range_start FROM symbol s JOIN backfill_progress p ON p.symbol_id = s.id
                WHERE s.active AND s.collected AND p.status = 'done'""");
        int found = 0;
        for (Map<String, Object> s : symbols) {
            int symbolId = ((Number) s.get("id")).intValue();
            long start = ((Timestamp) s.get("range_start")).getTime();
            for (long[] run : missingRuns(symbolId, start, auditEnd)) {
                if (record(symbolId, (String) s.get("exchange"), (String) s.get("symbol"), run)) {
                    found++;
                }
            }
        }
        List<CandleGap> toRepair = jdbc.query("SELECT " + GAP_COLUMNS + " FROM candle_gap g JOIN symbol s ON s.id = g.symbol_id "
                + "WHERE g.status = 'open' AND s.active AND s.collected AND g.attempts < ? ORDER BY g.id", GapAudit::gap, properties.gapAudit().maxAttempts());
        log.info("Gap audit: {} symbols checked, {} new gaps, {} to repair", symbols.size(), found, toRepair.size());
        return toRepair;
    }

    private List<long[]> missingRuns(int symbolId, long start, long end) {
        if (end < start) {
            return List.of();
        }
        Timestamp from = ts(start);
        Timestamp to = ts(end);
        return jdbc.query(MISSING_RUNS, (rs, i) -> new long[] {rs.getTimestamp(1).getTime(), rs.getTimestamp(2).getTime()},
                symbolId, CandleInterval.BASE_MINUTES, from, to, from, to);
    }

    /** Records a missing run unless the exchange is already known to have no data there. */
    private boolean record(int symbolId, String exchange, String symbol, long[] run) {
        Integer knownEmpty = jdbc.queryForObject("""
                SELECT count(*) FROM candle_gap WHERE symbol_id = ? AND status = 'unfillable' AND gap_start <= ? AND gap_end >= ?""",
                Integer.class, symbolId, ts(run[0]), ts(run[1]));
        if (knownEmpty != null && knownEmpty > 0) {
            return false;
        }
        List<Long> ids = jdbc.queryForList("""
                INSERT INTO candle_gap (symbol_id, interval_minutes, gap_start, gap_end) VALUES (?, ?, ?, ?)
                ON CONFLICT (symbol_id, interval_minutes, gap_start, gap_end) DO UPDATE
                    SET status = 'open', attempts = 0, resolved_at = NULL, detected_at = now()
                    WHERE candle_gap.status = 'repaired'
                RETURNING id""", Long.class, symbolId, CandleInterval.BASE_MINUTES, ts(run[0]), ts(run[1]));
        if (ids.isEmpty()) {
            return false;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exchange", exchange);
        data.put("symbol", symbol);
        data.put("interval", "5m");
        data.put("from", run[0]);
        data.put("to", run[1]);
        data.put("missing", (run[1] - run[0]) / CandleInterval.BASE_MILLIS + 1);
        outbox.publish(EventTypes.MARKET_GAP_DETECTED, data);
        return true;
    }

    /** The pages that refetch a gap. */
    public List<PageRequest> pages(CandleGap gap) {
        List<PageRequest> pages = new ArrayList<>();
        for (long start = gap.start(); start <= gap.end(); start += PageRequest.MAX_CANDLES * CandleInterval.BASE_MILLIS) {
            long end = Math.min(gap.end(), start + (PageRequest.MAX_CANDLES - 1) * CandleInterval.BASE_MILLIS);
            pages.add(new PageRequest(gap.symbolId(), gap.exchange(), gap.symbol(), start, end));
        }
        return pages;
    }

    /** Settles a gap after a refetch attempt (error is null when the fetch itself succeeded). */
    @Transactional
    public String afterRepair(CandleGap gap, Exception error) {
        List<long[]> stillMissing = missingRuns(gap.symbolId(), gap.start(), gap.end());
        int attempts = gap.attempts() + 1;
        String lastError = error == null ? (stillMissing.isEmpty() ? null : "exchange returned no data") : error.getMessage();
        if (stillMissing.isEmpty()) {
            jdbc.update("UPDATE candle_gap SET status = 'repaired', attempts = ?, last_attempt_at = now(), resolved_at = now(), last_error = NULL WHERE id = ?",
                    attempts, gap.id());
            return "repaired";
        }
        if (attempts < properties.gapAudit().maxAttempts()) {
            jdbc.update("UPDATE candle_gap SET attempts = ?, last_attempt_at = now(), last_error = ? WHERE id = ?", attempts, lastError, gap.id());
            return "open";
        }
        // Out of attempts: what is still missing is recorded as unfillable, run by run, so filled parts do not count.
        jdbc.update("DELETE FROM candle_gap WHERE id = ?", gap.id());
        for (long[] run : stillMissing) {
            jdbc.update("""
                    INSERT INTO candle_gap (symbol_id, interval_minutes, gap_start, gap_end, status, attempts, last_attempt_at, resolved_at, last_error, detected_at)
                    VALUES (?, ?, ?, ?, 'unfillable', ?, now(), now(), ?, ?)
                    ON CONFLICT (symbol_id, interval_minutes, gap_start, gap_end) DO UPDATE SET status = 'unfillable', resolved_at = now()""",
                    gap.symbolId(), CandleInterval.BASE_MINUTES, ts(run[0]), ts(run[1]), attempts, lastError, ts(gap.detectedAt()));
        }
        log.warn("Gap {} {}..{} declared unfillable after {} attempts: {}", gap.symbol(), Instant.ofEpochMilli(gap.start()),
                Instant.ofEpochMilli(gap.end()), attempts, lastError);
        return "unfillable";
    }

    public List<CandleGap> list(String exchange, String symbol, String status, int limit) {
        return jdbc.query("SELECT " + GAP_COLUMNS + " FROM candle_gap g JOIN symbol s ON s.id = g.symbol_id "
                        + "WHERE s.exchange = ? AND (?::text IS NULL OR s.symbol = ?) AND (?::text IS NULL OR g.status = ?) "
                        + "ORDER BY g.gap_start LIMIT ?", GapAudit::gap, exchange, symbol, symbol, status, status, limit);
    }

    /** Gaps still open: how many, and when the oldest was detected (epoch ms, null when none). */
    public record OpenGapSummary(long open, Long oldestDetectedAt) {
    }

    /** As this process's system.status reports it to the monitor. */
    public OpenGapSummary openSummary() {
        return jdbc.queryForObject("SELECT count(*), min(detected_at) FROM candle_gap WHERE status = 'open'", (rs, i) -> {
            Timestamp oldest = rs.getTimestamp(2);
            return new OpenGapSummary(rs.getLong(1), oldest == null ? null : oldest.getTime());
        });
    }

    private static CandleGap gap(ResultSet rs, int i) throws SQLException {
        return new CandleGap(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).getTime(),
                rs.getTimestamp(6).getTime(), rs.getString(7), rs.getInt(8), rs.getTimestamp(9).getTime(), rs.getString(10));
    }

    private static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
