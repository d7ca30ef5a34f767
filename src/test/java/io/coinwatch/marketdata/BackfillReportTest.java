package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The progress arithmetic: time-weighted percentages and ETAs from the rate since each backfill started. */
class BackfillReportTest {

    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void aRunningSymbolHasItsShareOfTheRangeAndAnEtaAtItsOwnRate() {
        // 25 of 100 days in 10 minutes: 75 days more take 30 minutes.
        BackfillReport.Report report = BackfillReport.of("bybit", List.of(row("A", "running", 100 * DAY, 25 * DAY, 10 * MINUTE)));

        BackfillReport.SymbolProgress a = report.symbols().get(0);
        assertThat(a.percent()).isEqualTo(25.0);
        assertThat(a.etaSeconds()).isEqualTo(1800);
        assertThat(report.overall().percent()).isEqualTo(25.0);
        assertThat(report.overall().etaSeconds()).isEqualTo(1800);
    }

    @Test
    void theOverallShareIsWeightedByRangeAndTheOverallEtaUsesTheCombinedRate() {
        BackfillReport.Report report = BackfillReport.of("bybit", List.of(
                row("DONE", "done", 300 * DAY, 0, 20 * MINUTE),     // next_open_time is not trusted once done
                row("HALF", "running", 100 * DAY, 50 * DAY, 20 * MINUTE),
                row("WAIT", "pending", 100 * DAY, 0, 0),
                row("FAIL", "failed", 100 * DAY, 40 * DAY, 20 * MINUTE)));

        assertThat(report.symbols()).extracting(BackfillReport.SymbolProgress::percent).containsExactly(100.0, 50.0, 0.0, 40.0);
        assertThat(report.symbols()).extracting(BackfillReport.SymbolProgress::etaSeconds).containsExactly(0L, 1200L, null, null);
        // (300 + 50 + 0 + 40) of 600 days.
        assertThat(report.overall().percent()).isEqualTo(65.0);
        assertThat(report.overall().byStatus()).isEqualTo(Map.of("done", 1, "running", 1, "pending", 1, "failed", 1));
        // Done and running covered 350 days in 20 minutes; 210 days remain (50 + 100 + 60): 12 minutes.
        assertThat(report.overall().etaSeconds()).isEqualTo(720);
    }

    @Test
    void nothingToBackfillIsCompleteWithoutAnEta() {
        BackfillReport.Report report = BackfillReport.of("bybit", List.of());
        assertThat(report.overall().percent()).isEqualTo(100.0);
        assertThat(report.overall().symbols()).isZero();
        assertThat(report.overall().etaSeconds()).isNull();
    }

    private static BackfillReport.Row row(String symbol, String status, long span, long covered, long runningFor) {
        long start = NOW - 400 * DAY;
        return new BackfillReport.Row("bybit", symbol, status, start, start + span, start + covered, covered / (5 * MINUTE),
                NOW - runningFor, NOW, null, NOW);
    }
}
