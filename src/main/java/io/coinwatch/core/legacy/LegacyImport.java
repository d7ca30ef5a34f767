package io.coinwatch.core.legacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Coordinates the import of the Python Coinwatch's database: connects read-only, checks that every table and column
 * the steps read exists before anything is written, then runs the steps of this process's roles in order, resuming
 * from the persisted progress when the last run did not finish. One run at a time per process.
 */
@Component("legacyImport")
public class LegacyImport {

    private static final Logger log = LoggerFactory.getLogger(LegacyImport.class);

    private final LegacyImportProperties properties;
    private final LegacyImportProgress progress;
    private final List<LegacyImportStep> steps;
    private final ProducerTemplate camel;
    private final LegacyDataSource source = new LegacyDataSource();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<String, LegacyTableRun> active = new ConcurrentHashMap<>();

    public LegacyImport(LegacyImportProperties properties, LegacyImportProgress progress, List<LegacyImportStep> steps,
                        ProducerTemplate camel) {
        this.properties = properties;
        this.progress = progress;
        this.steps = steps.stream().sorted(Comparator.comparingInt(LegacyImportStep::position)).toList();
        this.camel = camel;
    }

    /** The data source the legacy page routes read through (bound in Camel's registry as legacyDataSource). */
    public LegacyDataSource dataSource() {
        return source;
    }

    /** Starts a run in the background; false when one is already running in this process. */
    public boolean start() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        try {
            camel.asyncSendBody("direct:legacy-import", null);
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        return true;
    }

    public boolean running() {
        return running.get();
    }

    /** The run (called by the legacy-import route). */
    public void run() {
        try {
            String url = properties.getUrl();
            if (url == null || url.isBlank()) {
                throw new LegacyImportException("coinwatch.legacy-import.url (COINWATCH_LEGACY_IMPORT_URL) is not set");
            }
            if (steps.isEmpty()) {
                throw new LegacyImportException("this process runs neither the market-data nor the fundamental-data role");
            }
            log.info("Legacy import from {} starting", withoutCredentials(url));
            source.open(url, properties.getUsername(), properties.getPassword());
            checkSchema();
            boolean resumed = progress.begin(withoutCredentials(url));
            Map<String, LegacyImportProgress.TableProgress> tables = new LinkedHashMap<>();
            JdbcTemplate legacy = new JdbcTemplate(source);
            for (LegacyImportStep step : steps) {
                Long total = legacy.queryForObject(step.countQuery(), Long.class);
                tables.put(step.table(), progress.table(step.table(), step.position(), total == null ? 0 : total));
            }
            log.info("Legacy import: {} ({}), {} tables: {}", resumed ? "resuming" : "new run", withoutCredentials(url), steps.size(),
                    tables.values().stream().map(t -> t.table() + "=" + t.rowsTotal()).toList());
            for (LegacyImportStep step : steps) {
                LegacyImportProgress.TableProgress table = tables.get(step.table());
                if ("done".equals(table.status())) {
                    continue;
                }
                progress.tableRunning(step.table());
                LegacyTableRun run = new LegacyTableRun(step.table(), progress, camel, source, Math.max(1, properties.getPageSize()), table);
                active.put(step.table(), run);
                step.run(run);
                progress.tableDone(step.table());
                log.info("Legacy import {} done: {} rows read, {} written, {} quarantined, {} skipped as already present",
                        step.table(), run.rowsRead(), run.rowsWritten(), run.rowsQuarantined(), run.rowsSkipped());
            }
            progress.done();
            log.info("Legacy import from {} done", withoutCredentials(url));
        } finally {
            source.close();
        }
    }

    /** Ends a run, failed or not (called by the route after the failure, if any, is recorded). */
    public void finished() {
        active.clear();
        running.set(false);
    }

    /** Records a failed run (called by the route's error handler): the status and the log say why. */
    public void failed(Exception error) {
        // A failure in a page route arrives wrapped by the producer template; the cause is what went wrong.
        Throwable cause = error instanceof org.apache.camel.CamelExecutionException && error.getCause() != null ? error.getCause() : error;
        String message = cause instanceof LegacyImportException ? cause.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        log.warn("Legacy import failed: {}", message);
        progress.failed(message);
    }

    /**
     * The run and every table: rows read, written, quarantined, skipped as already present, percent and ETA. A run
     * stored as running that this process is not running was interrupted (its process died): start it again to resume.
     */
    public LegacyImportReport report() {
        Optional<LegacyImportProgress.RunState> run = progress.run();
        String status = run.map(LegacyImportProgress.RunState::status).orElse("never-run");
        if ("running".equals(status) && !running.get()) {
            status = "interrupted";
        } else if (running.get()) {
            status = "running";
        }
        List<LegacyImportReport.Table> tables = new ArrayList<>();
        for (LegacyImportProgress.TableProgress t : progress.tables()) {
            LegacyTableRun live = active.get(t.table());
            double percent = t.rowsTotal() <= 0 ? 100.0 : Math.min(100.0, t.rowsRead() * 100.0 / t.rowsTotal());
            Long eta = "done".equals(t.status()) ? Long.valueOf(0) : live == null ? null : Long.valueOf(live.etaSeconds());
            tables.add(new LegacyImportReport.Table(t.table(), t.status(), t.rowsTotal(), t.rowsRead(), t.rowsWritten(),
                    t.rowsQuarantined(), t.rowsSkipped(), Math.round(percent * 10) / 10.0, eta, t.lastError()));
        }
        String shown = status;
        return run.map(r -> new LegacyImportReport(shown, r.source(), r.startedAt(), r.updatedAt(), r.finishedAt(), r.lastError(), tables))
                .orElseGet(() -> new LegacyImportReport(shown, null, null, null, null, null, tables));
    }

    /** Every table and column the steps read, or an error naming what is missing: a wrong database writes nothing. */
    private void checkSchema() {
        JdbcTemplate legacy = new JdbcTemplate(source);
        Set<String> present = new TreeSet<>(legacy.queryForList("""
                SELECT table_schema || '.' || table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema IN ('market_data', 'fundamental_data')""", String.class));
        Set<String> missingTables = new TreeSet<>();
        Set<String> missingColumns = new TreeSet<>();
        for (LegacyImportStep step : steps) {
            boolean tablePresent = present.stream().anyMatch(c -> c.startsWith(step.table() + "."));
            if (!tablePresent) {
                missingTables.add(step.table());
                continue;
            }
            for (String column : step.columns()) {
                if (!present.contains(step.table() + "." + column)) {
                    missingColumns.add(step.table() + "." + column);
                }
            }
        }
        if (missingTables.size() == steps.size()) {
            throw new LegacyImportException("not the legacy Coinwatch schema: none of the tables " + missingTables + " exists");
        }
        if (!missingTables.isEmpty() || !missingColumns.isEmpty()) {
            throw new LegacyImportException("legacy schema incomplete: missing tables " + missingTables + ", missing columns "
                    + missingColumns + "; nothing was imported");
        }
    }

    /** A JDBC URL without user information or password parameters, for logs and the status. */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@]*@", "//").replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }
}
