package io.coinwatch.reliability;

import static io.coinwatch.support.IsolatedDeployment.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coinwatch.support.CoinwatchProcess;
import io.coinwatch.support.IsolatedDeployment;

/**
 * The process is killed with SIGKILL in the middle of a backfill and started again: it resumes from the progress it
 * had persisted, re-fetching at most the pages that were in flight, and ends with every candle stored exactly once.
 */
class ProcessKillTest {

    @Test
    void aKilledBackfillResumesFromItsProgressWithNoDuplicateAndNoMissingCandle() throws Exception {
        try (IsolatedDeployment deployment = new IsolatedDeployment(12, 20, 10)) {
            long candlesAtKill;
            int unfinishedAtKill;
            try (CoinwatchProcess first = deployment.app("process-kill-1")) {
                first.start(Duration.ofSeconds(120));
                await(Duration.ofSeconds(90), "a backfill well under way", () -> deployment.storedCandles() > 20_000, first);
                first.kill();
                assertThat(first.isAlive()).isFalse();
                candlesAtKill = deployment.storedCandles();
                unfinishedAtKill = deployment.unfinishedBackfills();
            }
            assertThat(unfinishedAtKill).as("killed mid-backfill").isPositive();
            long requestsBeforeRestart = deployment.simulator().requestLog().count("/v5/market/kline");

            try (CoinwatchProcess second = deployment.app("process-kill-2")) {
                second.start(Duration.ofSeconds(120));
                await(Duration.ofSeconds(180), "every backfill to finish after the restart", () -> deployment.unfinishedBackfills() == 0, second);

                long candles = deployment.assertEveryCandleStoredOnce();
                // The firings the killed process left and those due while it was down run as the scheduler starts:
                // once Camel is up, not lost to a scheduler that started before it.
                assertThat(second.outputSince(0)).doesNotContain("No CamelContext could be found");
                assertThat(deployment.jdbc().queryForObject("""
                        SELECT count(*) FROM (SELECT symbol_id, open_time FROM candle GROUP BY 1, 2 HAVING count(*) > 1) d""", Long.class))
                        .as("duplicate candles").isZero();
                Map<String, Long> pages = deployment.pagesPerSymbol();
                long pagesNeeded = pages.values().stream().mapToLong(Long::longValue).sum();
                long requests = deployment.simulator().requestLog().count("/v5/market/kline");
                // Resumed, not restarted: only the pages in flight at the kill (at most the fetch pool, 16) and the restarted
                // process's repeat of the last unfinished page of each run are fetched again.
                Map<String, Long> again = deployment.klinePagesFetchedAgain();
                assertThat(again.values().stream().mapToLong(Long::longValue).sum()).as("kline pages fetched again: %s", again)
                        .isLessThanOrEqualTo(16L + unfinishedAtKill);
                System.out.printf("[process-kill] SIGKILL at %d candles with %d of %d backfills unfinished; after restart %d candles "
                                + "complete, none duplicated; %d kline requests (%d before the kill) for %d pages%n",
                        candlesAtKill, unfinishedAtKill, pages.size(), candles, requests, requestsBeforeRestart, pagesNeeded);
            }
        }
    }
}
