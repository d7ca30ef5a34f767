package io.coinwatch.reliability;

import static io.coinwatch.support.IsolatedDeployment.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coinwatch.support.CoinwatchProcess;
import io.coinwatch.support.IsolatedDeployment;

/**
 * The database goes away for 30 s in the middle of a backfill: the process stays up and keeps answering, health
 * goes DOWN and back UP, collection resumes by itself, and after the next gap audit no candle is missing.
 */
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void theAppRidesOutADatabaseOutageAndCollectsEveryCandleAfterwards() throws Exception {
        try (IsolatedDeployment deployment = new IsolatedDeployment(12, 20, 10);
             CoinwatchProcess app = deployment.app("database-outage")) {
            app.start(Duration.ofSeconds(120));
            await(Duration.ofSeconds(90), "a backfill under way", () -> deployment.storedCandles() > 10_000, app);
            int unfinishedAtOutage = deployment.unfinishedBackfills();
            assertThat(unfinishedAtOutage).as("the outage starts mid-backfill").isPositive();

            Instant down = Instant.now();
            deployment.database().stop();
            List<Integer> statusesWhileDown = new ArrayList<>();
            while (Duration.between(down, Instant.now()).compareTo(OUTAGE) < 0) {
                statusesWhileDown.add(app.healthStatus());
                assertThat(app.isAlive()).as("the process lives through the outage").isTrue();
                Thread.sleep(1000);
            }
            // Health answers throughout, with 503 once it has found the database gone.
            assertThat(statusesWhileDown).doesNotContain(0).contains(503);
            assertThat(app.healthOf("database")).isEqualTo("DOWN");
            deployment.database().start();

            await(Duration.ofSeconds(30), "health to report the database up", () -> app.healthOf("database").equals("UP"), app);
            assertThat(app.healthStatus()).isEqualTo(200);
            Instant back = Instant.now();
            await(Duration.ofSeconds(180), "every backfill to finish", () -> deployment.unfinishedBackfills() == 0, app);
            Duration resumedIn = Duration.between(back, Instant.now());
            Instant allDone = Instant.now();
            // The audit runs every 15 s in this deployment: wait for one that started after every backfill finished.
            await(Duration.ofSeconds(60), "a gap audit after the backfills, and its repairs",
                    () -> lastAudit(deployment).isAfter(allDone) && openGaps(deployment) == 0, app);

            long candles = deployment.assertEveryCandleStoredOnce();
            IsolatedDeployment.EventCheck events = deployment.assertEveryEventProcessedOncePerQueue(app);
            assertThat(deployment.jdbc().queryForObject("SELECT count(*) FROM candle_gap WHERE status = 'unfillable'", Long.class))
                    .as("gaps declared unfillable").isZero();
            System.out.printf("[database-outage] outage %d s with %d of %d backfills unfinished; health 503 while down; "
                            + "all finished %d s after the database was back; %d candles complete after the audit; %d events "
                            + "published, %d deliveries processed once per queue%n",
                    OUTAGE.toSeconds(), unfinishedAtOutage, deployment.pagesPerSymbol().size(), resumedIn.toSeconds(), candles,
                    events.published(), events.deliveries());
        }
    }

    /** When the gap-audit job last fired, from the Quartz job store it is scheduled by. */
    private static Instant lastAudit(IsolatedDeployment deployment) {
        Long fired = deployment.jdbc().queryForObject("SELECT max(prev_fire_time) FROM qrtz_triggers WHERE trigger_name LIKE '%gap-audit%'", Long.class);
        return fired == null ? Instant.EPOCH : Instant.ofEpochMilli(fired);
    }

    private static long openGaps(IsolatedDeployment deployment) {
        return deployment.jdbc().queryForObject("SELECT count(*) FROM candle_gap WHERE status = 'open'", Long.class);
    }
}
