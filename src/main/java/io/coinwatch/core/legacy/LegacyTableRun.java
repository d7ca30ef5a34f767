package io.coinwatch.core.legacy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.ProducerTemplate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One legacy table's part of a run, as a step sees it: its cursor and page size, the page routes to read through (or
 * a COPY stream out of the same read-only snapshot), and the ledger every page is reported to (persisted, so a crash
 * resumes after the last reported page).
 */
public final class LegacyTableRun {

    private static final Logger log = LoggerFactory.getLogger(LegacyTableRun.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final String table;
    private final LegacyImportProgress progress;
    private final ProducerTemplate camel;
    private final LegacyDataSource legacy;
    private final int pageSize;
    private final long total;
    private final long readBefore;
    private final long startedNanos = System.nanoTime();
    private String cursor;
    private long read;
    private long written;
    private long quarantined;
    private long skipped;
    private long lastLogNanos = startedNanos;
    private int lastLoggedTenth;

    LegacyTableRun(String table, LegacyImportProgress progress, ProducerTemplate camel, LegacyDataSource legacy, int pageSize,
                   LegacyImportProgress.TableProgress resumed) {
        this.table = table;
        this.progress = progress;
        this.camel = camel;
        this.legacy = legacy;
        this.pageSize = pageSize;
        this.total = resumed.rowsTotal();
        this.cursor = resumed.cursor();
        this.read = resumed.rowsRead();
        this.readBefore = resumed.rowsRead();
        this.written = resumed.rowsWritten();
        this.quarantined = resumed.rowsQuarantined();
        this.skipped = resumed.rowsSkipped();
        this.lastLoggedTenth = tenth();
    }

    public String table() {
        return table;
    }

    /** Where the previous page ended (null: from the beginning); the step decides what it means. */
    public String cursor() {
        return cursor;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Reads a page through a legacy page route (a camel-sql endpoint), the parameters as headers. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> page(String route, Map<String, Object> parameters) {
        return camel.requestBodyAndHeaders(route, null, parameters, List.class);
    }

    /** Sends a page the step has read to the route that imports it, in this thread; returns the route's answer. */
    public <T> T send(String route, Object page, Class<T> answer) {
        return camel.requestBody(route, page, answer);
    }

    /**
     * Starts {@code COPY (query) TO STDOUT} in the run's read-only legacy transaction: the fastest way out of the legacy
     * database, one text row per {@link CopyOut#readFromCopy()}. The connection is busy until the copy ends (or is
     * cancelled), so nothing else may read the legacy database meanwhile.
     */
    public CopyOut copyOut(String query) {
        try {
            return legacy.getConnection().unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
        } catch (SQLException e) {
            throw new IllegalStateException("COPY out of " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** What became of one legacy row. */
    public enum Outcome { WRITTEN, SKIPPED, QUARANTINED }

    /**
     * Imports a table keyed by one column in pages: {@code route} reads the rows after {@code :#after} ordered by that
     * key ({@code :#limit} of them); the cursor is the last key, {@code cursorValue} turns it into the parameter.
     */
    public void eachRow(String route, String keyColumn, Function<String, Object> cursorValue,
                        Function<Map<String, Object>, Outcome> importer) {
        Object after = cursorValue.apply(cursor);
        while (true) {
            List<Map<String, Object>> rows = page(route, Map.of("after", after, "limit", pageSize));
            if (rows.isEmpty()) {
                return;
            }
            long[] counts = new long[Outcome.values().length];
            for (Map<String, Object> row : rows) {
                counts[importer.apply(row).ordinal()]++;
            }
            String last = String.valueOf(rows.get(rows.size() - 1).get(keyColumn));
            pageDone(rows.size(), counts[Outcome.WRITTEN.ordinal()], counts[Outcome.QUARANTINED.ordinal()],
                    counts[Outcome.SKIPPED.ordinal()], last);
            after = cursorValue.apply(last);
        }
    }

    /** A legacy row that is not imported, with its reason (candles go to candle_quarantine instead). */
    public void reject(String key, String raw, String reason) {
        progress.reject(table, key, raw, reason);
    }

    /** Records a finished page and where the next one starts; logs progress about every 10% or 5 seconds. */
    public void pageDone(long pageRead, long pageWritten, long pageQuarantined, long pageSkipped, String nextCursor) {
        read += pageRead;
        written += pageWritten;
        quarantined += pageQuarantined;
        skipped += pageSkipped;
        cursor = nextCursor;
        progress.page(table, pageRead, pageWritten, pageQuarantined, pageSkipped, nextCursor);
        long now = System.nanoTime();
        if (tenth() > lastLoggedTenth || now - lastLogNanos > LOG_EVERY_NANOS) {
            lastLoggedTenth = tenth();
            lastLogNanos = now;
            log.info("Legacy import {}: {}% ({}/{} rows; {} written, {} quarantined, {} skipped as present), ETA {} s", table,
                    String.format("%.1f", percent()), read, total, written, quarantined, skipped, etaSeconds());
        }
    }

    double percent() {
        return total <= 0 ? 100.0 : Math.min(100.0, read * 100.0 / total);
    }

    /** Seconds left at this run's pace; -1 before the first page. */
    long etaSeconds() {
        long done = read - readBefore;
        if (done <= 0) {
            return -1;
        }
        double perRow = (System.nanoTime() - startedNanos) / 1e9 / done;
        return Math.round(perRow * Math.max(0, total - read));
    }

    long rowsRead() {
        return read;
    }

    long rowsWritten() {
        return written;
    }

    long rowsQuarantined() {
        return quarantined;
    }

    long rowsSkipped() {
        return skipped;
    }

    private int tenth() {
        return (int) (percent() / 10);
    }
}
