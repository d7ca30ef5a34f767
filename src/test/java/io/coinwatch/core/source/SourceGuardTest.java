package io.coinwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coinwatch.support.MutableClock;

/**
 * The guard's budget (request weight on Bucket4j), its 429 pause, its ban window and the usage a source reports, on a
 * clock the test moves: every wait is exact, and nothing sleeps.
 */
class SourceGuardTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:10Z");

    private final MutableClock clock = new MutableClock(START);
    private final List<Duration> slept = new ArrayList<>();
    /** 600 weight a second: a burst of 60, then 0.6 a millisecond. Its sleeps move the clock. */
    private final SourceGuard guard = new SourceGuard("test", 600, Duration.ofSeconds(1), Duration.ofMinutes(10), 6000, clock,
            wait -> {
                slept.add(wait);
                clock.advance(wait);
            });

    @Test
    void aRequestWaitsUntilTheBudgetHoldsItsWeight() {
        assertThat(guard.tryAcquire(60)).as("the whole burst at once").isZero();

        assertThat(guard.tryAcquire(30)).as("30 weight at 0.6 a millisecond").isEqualTo(Duration.ofMillis(50));
        clock.advance(Duration.ofMillis(49));
        assertThat(guard.tryAcquire(30)).as("Bucket4j refills whole tokens").isEqualTo(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.tryAcquire(30)).isZero();
        assertThat(guard.state().requests()).isEqualTo(2);
    }

    @Test
    void aRequestHeavierThanTheBurstWaitsForAFullBucketAndLeavesItInDebt() {
        assertThat(guard.tryAcquire(120)).as("a full bucket of 60 is enough to send it").isZero();

        assertThat(guard.tryAcquire(1)).as("61 weight owed at 0.6 a millisecond").isEqualTo(Duration.ofNanos(101_666_666));
        assertThatThrownBy(() -> guard.tryAcquire(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acquireSleepsExactlyAsLongAsTheBudgetNeeds() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            guard.acquire(1);
        }
        assertThat(slept).as("the burst goes out at once").isEmpty();

        guard.acquire(6);
        assertThat(slept).containsExactly(Duration.ofMillis(10));
    }

    @Test
    void a429PausesEveryRequestUntilTheSourcesResetTime() throws InterruptedException {
        guard.rateLimited(START.plusSeconds(7), "HTTP 429");

        assertThat(guard.state().pausedUntil()).isEqualTo(START.plusSeconds(7));
        assertThat(guard.tryAcquire(1)).isEqualTo(Duration.ofSeconds(7));
        guard.acquire(1);
        assertThat(slept).as("in slices of at most a second").hasSize(7).allMatch(d -> d.equals(Duration.ofSeconds(1)));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(7));
        assertThat(guard.state().pausedUntil()).isNull();
    }

    @Test
    void a429WithoutAResetTimePausesForASecond() {
        guard.rateLimited(null, "retCode 10006");

        assertThat(guard.tryAcquire(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(guard.state().lastError()).isEqualTo("retCode 10006");
    }

    @Test
    void aBanStopsEverythingForRetryAfterOrTheBanWindow() {
        guard.banned(Duration.ofSeconds(120), "HTTP 418");
        assertThat(guard.state().bannedUntil()).isEqualTo(START.plusSeconds(120));
        assertThat(guard.tryAcquire(1)).isEqualTo(Duration.ofSeconds(120));

        clock.advance(Duration.ofSeconds(120));
        assertThat(guard.state().bannedUntil()).isNull();
        assertThat(guard.tryAcquire(1)).isZero();

        guard.banned(null, "HTTP 403");
        assertThat(guard.state().bannedUntil()).as("the configured ban window").isEqualTo(START.plusSeconds(120).plus(Duration.ofMinutes(10)));
    }

    @Test
    void reportedUsageNearTheIpLimitPausesUntilTheWindowTurnsOver() {
        guard.reportedUsage(5000);
        assertThat(guard.state().pausedUntil()).as("below 90% of 6000").isNull();

        guard.reportedUsage(5500);
        assertThat(guard.state().pausedUntil()).as("the next one-second window").isEqualTo(START.plusSeconds(1));
        assertThat(guard.tryAcquire(1)).isEqualTo(Duration.ofSeconds(1));
    }
}
