package io.coinwatch.marketdata.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The guard's budget counts request weight: heavy requests wait longer, none is starved. Lower bounds only: a busy
 * machine makes every wait longer, never shorter.
 */
class ExchangeGuardTest {

    /** 600 weight a second: a burst of 60, then 0.6 a millisecond. */
    private final ExchangeGuard guard = new ExchangeGuard("test", 600, Duration.ofSeconds(1), Duration.ofMinutes(1), 0,
            Clock.systemUTC());

    @Test
    void aRequestWaitsUntilTheBudgetHoldsItsWeight() throws InterruptedException {
        guard.acquire(60); // the whole burst

        long started = System.nanoTime();
        guard.acquire(30);
        assertThat(elapsedMillis(started)).as("30 weight at 0.6 a millisecond").isGreaterThanOrEqualTo(45);
    }

    @Test
    void aRequestHeavierThanTheBurstWaitsForAFullBucketAndLeavesItInDebt() throws InterruptedException {
        guard.acquire(120); // a full bucket of 60 is enough to send it; the bucket owes 60

        long started = System.nanoTime();
        guard.acquire(1);
        assertThat(elapsedMillis(started)).as("61 weight at 0.6 a millisecond").isGreaterThanOrEqualTo(95);
    }

    @Test
    void requestsOfWeightOneAsBybitSendsThem() throws InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            guard.acquire();
        }
        assertThat(elapsedMillis(started)).as("the burst goes out at once").isLessThan(1000);
        assertThatThrownBy(() -> guard.acquire(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
