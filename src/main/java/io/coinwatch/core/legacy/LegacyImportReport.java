package io.coinwatch.core.legacy;

import java.util.List;

/**
 * The answer of GET /api/v1/system/legacy-import: the run and, per legacy table, how far it got. Times are epoch
 * milliseconds; the run's fields are null before the first run.
 *
 * @param status running, done, failed, interrupted or never-run
 */
public record LegacyImportReport(String status, String source, Long startedAt, Long updatedAt, Long finishedAt, String error,
                                 List<Table> tables) {

    /**
     * @param etaSeconds null while the table is not being imported (0 once done)
     */
    public record Table(String table, String status, long rowsTotal, long rowsRead, long rowsWritten, long rowsQuarantined,
                        long rowsSkipped, double percent, Long etaSeconds, String error) {
    }
}
