package io.coinwatch.core.legacy;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The persisted state of the legacy import: the run, every table's counts and cursor, and the rejected rows. */
@Component
public class LegacyImportProgress {

    /** The run as stored; times epoch ms. */
    public record RunState(String status, String source, long startedAt, long updatedAt, Long finishedAt, String lastError) {
    }

    /** One table as stored. */
    public record TableProgress(String table, int position, String status, long rowsTotal, long rowsRead, long rowsWritten,
                                long rowsQuarantined, long rowsSkipped, String cursor, String lastError) {
    }

    private final JdbcTemplate jdbc;

    public LegacyImportProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Starts a run. After a finished run (or none) every table starts over; after a failed or interrupted one the
     * tables keep their counts and cursors, so the run resumes.
     */
    @Transactional
    public boolean begin(String source) {
        Optional<RunState> last = run();
        boolean resume = last.isPresent() && !"done".equals(last.get().status());
        if (!resume) {
            jdbc.update("DELETE FROM legacy_import_progress");
        }
        jdbc.update("""
                INSERT INTO legacy_import_run (id, status, source) VALUES (true, 'running', ?)
                ON CONFLICT (id) DO UPDATE SET status = 'running', source = EXCLUDED.source, updated_at = now(), finished_at = NULL,
                    last_error = NULL, started_at = CASE WHEN legacy_import_run.status = 'done' THEN now() ELSE legacy_import_run.started_at END""",
                source);
        return resume;
    }

    /** Registers a table of this run (kept if a previous run left it) with the rows it has now. */
    public TableProgress table(String table, int position, long rowsTotal) {
        jdbc.update("""
                INSERT INTO legacy_import_progress (source_table, position, status, rows_total) VALUES (?, ?, 'pending', ?)
                ON CONFLICT (source_table) DO UPDATE SET rows_total = EXCLUDED.rows_total, position = EXCLUDED.position,
                    updated_at = now()""", table, position, rowsTotal);
        return tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }

    public void tableRunning(String table) {
        jdbc.update("UPDATE legacy_import_progress SET status = 'running', last_error = NULL, started_at = coalesce(started_at, now()), "
                + "updated_at = now() WHERE source_table = ?", table);
    }

    public void page(String table, long read, long written, long quarantined, long skipped, String cursor) {
        jdbc.update("""
                UPDATE legacy_import_progress SET rows_read = rows_read + ?, rows_written = rows_written + ?,
                    rows_quarantined = rows_quarantined + ?, rows_skipped = rows_skipped + ?, cursor = ?, updated_at = now()
                WHERE source_table = ?""", read, written, quarantined, skipped, cursor, table);
    }

    public void tableDone(String table) {
        jdbc.update("UPDATE legacy_import_progress SET status = 'done', finished_at = now(), updated_at = now() WHERE source_table = ?", table);
    }

    public void reject(String table, String key, String raw, String reason) {
        jdbc.update("""
                INSERT INTO legacy_import_rejected (source_table, source_key, raw, reason) VALUES (?, ?, ?, ?)
                ON CONFLICT (source_table, source_key, reason) DO NOTHING""", table, key, raw, reason);
    }

    public void done() {
        jdbc.update("UPDATE legacy_import_run SET status = 'done', finished_at = now(), updated_at = now()");
    }

    /** Marks the run, and the table it was in, failed with the reason. */
    @Transactional
    public void failed(String error) {
        jdbc.update("""
                INSERT INTO legacy_import_run (id, status, source, last_error) VALUES (true, 'failed', '', ?)
                ON CONFLICT (id) DO UPDATE SET status = 'failed', last_error = EXCLUDED.last_error, updated_at = now()""", error);
        jdbc.update("UPDATE legacy_import_progress SET status = 'failed', last_error = ?, updated_at = now() WHERE status = 'running'", error);
    }

    /**
     * Whether a run (the current one, or a failed or interrupted one to be resumed) registered the table and has not
     * imported all of it yet.
     */
    public boolean unfinished(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM legacy_import_progress WHERE source_table = ? AND status <> 'done')", Boolean.class, table));
    }

    /**
     * Whether some table's progress moved since {@code since}: an import is going on, or failed so recently that it is
     * likely to be resumed (a run whose process died stops counting once its progress has stood still that long).
     */
    public boolean movedSince(Timestamp since) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM legacy_import_progress WHERE updated_at > ?)", Boolean.class, since));
    }

    public Optional<RunState> run() {
        return jdbc.query("SELECT status, source, started_at, updated_at, finished_at, last_error FROM legacy_import_run", (rs, i) ->
                new RunState(rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime(), rs.getTimestamp(4).getTime(),
                        millis(rs.getTimestamp(5)), rs.getString(6))).stream().findFirst();
    }

    public List<TableProgress> tables() {
        return jdbc.query("""
                SELECT source_table, position, status, rows_total, rows_read, rows_written, rows_quarantined, rows_skipped, cursor, last_error
                FROM legacy_import_progress ORDER BY position""", (rs, i) -> new TableProgress(rs.getString(1), rs.getInt(2),
                rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9),
                rs.getString(10)));
    }

    private static Long millis(Timestamp t) {
        return t == null ? null : t.getTime();
    }
}
