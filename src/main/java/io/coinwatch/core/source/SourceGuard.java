package io.coinwatch.core.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that stands between this process and one data source's IP limit: a budget of request weight shared by
 * every route (a Bucket4j bucket refilled greedily over the window, a tenth of it as burst, so concurrency cannot burst
 * past it), the pause after a 429 or when the source reports the IP's usage close to its limit, and the ban after a
 * 403/418 during which no request is sent at all. All of it reads one clock, so tests move time instead of waiting.
 */
public class SourceGuard {

    private static final Logger log = LoggerFactory.getLogger(SourceGuard.class);
    /** Share of the source's IP limit at which this process stops until the source's window turns over. */
    private static final double USAGE_CEILING = 0.9;

    /** What health and the monitor show for this source. */
    public record State(String source, Instant bannedUntil, Instant pausedUntil, String lastError, long requests,
                        Instant unreachableSince) {
    }

    /** How a blocked request waits; tests pass one that moves their clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String source;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Bucket bucket;
    private final long burst;
    private final Duration banWindow;
    private final Duration window;
    private final int ipLimit;

    private Instant bannedUntil = Instant.EPOCH;
    private Instant pausedUntil = Instant.EPOCH;
    private String lastError;
    private long requests;
    private Instant unreachableSince;

    /**
     * @param weightPerWindow the budget: request weight this process may send per window
     * @param ipLimit         the source's own limit per IP and window as its usage reports count it, 0 if it reports none
     */
    public SourceGuard(String source, int weightPerWindow, Duration window, Duration banWindow, int ipLimit, Clock clock,
                       Sleeper sleeper) {
        this.source = source;
        this.clock = clock;
        this.sleeper = sleeper;
        this.burst = Math.max(1, weightPerWindow / 10);
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(weightPerWindow, window))
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
        this.banWindow = banWindow;
        this.window = window;
        this.ipLimit = ipLimit;
    }

    public SourceGuard(String source, int weightPerWindow, Duration window, Duration banWindow, int ipLimit, Clock clock) {
        this(source, weightPerWindow, window, banWindow, ipLimit, clock, d -> Thread.sleep(Math.max(1, d.toMillis())));
    }

    public String source() {
        return source;
    }

    /**
     * Blocks until a request of this weight may be sent: after any ban or pause, and within the budget. Waits in
     * slices of at most a second, so a ban lifted early or a pause extended meanwhile is seen.
     */
    public void acquire(int weight) throws InterruptedException {
        Duration wait;
        while (!(wait = tryAcquire(weight)).isZero()) {
            sleeper.sleep(wait.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : wait);
        }
    }

    /**
     * Takes the weight from the budget if the request may go now (answers zero), else answers how long to wait
     * before asking again. A request heavier than the burst goes once the bucket is full and leaves it in debt, so it
     * is never starved.
     */
    public synchronized Duration tryAcquire(int weight) {
        if (weight < 1) {
            throw new IllegalArgumentException("request weight must be at least 1, got " + weight);
        }
        Instant now = clock.instant();
        Instant blockedUntil = bannedUntil.isAfter(pausedUntil) ? bannedUntil : pausedUntil;
        if (blockedUntil.isAfter(now)) {
            return Duration.between(now, blockedUntil);
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(Math.min(weight, burst));
        if (!probe.canBeConsumed()) {
            return Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
        }
        bucket.consumeIgnoringRateLimits(weight);
        requests++;
        return Duration.ZERO;
    }

    /** HTTP 429 or a rate-limit code: nothing is sent until the source's reset time (a second when it gives none). */
    public synchronized void rateLimited(Instant resetAt, String message) {
        Instant until = resetAt == null || resetAt.isBefore(clock.instant()) ? clock.instant().plusSeconds(1) : resetAt;
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
            log.warn("{} rate limit hit ({}); pausing requests until {}", source, message, until);
        }
        lastError = message;
    }

    /**
     * The IP's usage in the source's current window, as the source reports it: other processes behind the same
     * address count too, so near the source's limit nothing more is sent until its window turns over. Windows are
     * taken as aligned to the clock (Binance counts per calendar minute).
     */
    public synchronized void reportedUsage(long used) {
        if (ipLimit <= 0 || used < ipLimit * USAGE_CEILING) {
            return;
        }
        long now = clock.millis();
        Instant nextWindow = Instant.ofEpochMilli(now - Math.floorMod(now, window.toMillis()) + window.toMillis());
        if (nextWindow.isAfter(pausedUntil)) {
            pausedUntil = nextWindow;
            log.warn("{} reports {} of its {} per IP used; pausing requests until {}", source, used, ipLimit, nextWindow);
        }
    }

    /** An IP ban: every call to this source stops for Retry-After, or the ban window when the source gave none. */
    public synchronized void banned(Duration retryAfter, String message) {
        Instant until = clock.instant().plus(retryAfter == null ? banWindow : retryAfter);
        if (until.isAfter(bannedUntil)) {
            bannedUntil = until;
            log.error("{} banned this IP ({}); no request will be sent until {}", source, message, until);
        }
        lastError = message;
    }

    public synchronized void failed(String message) {
        lastError = message;
    }

    /** No connection could be made (DNS, refused, timeout): the source counts as unavailable until one succeeds. */
    public synchronized void unreachable(String message) {
        if (unreachableSince == null) {
            unreachableSince = clock.instant();
        }
        lastError = message;
    }

    /** An answer came back, whatever it said: the source is reachable. */
    public synchronized void answered() {
        if (unreachableSince != null) {
            log.info("{} is reachable again", source);
            unreachableSince = null;
        }
    }

    public synchronized State state() {
        Instant now = clock.instant();
        return new State(source, bannedUntil.isAfter(now) ? bannedUntil : null, pausedUntil.isAfter(now) ? pausedUntil : null,
                lastError, requests, unreachableSince);
    }

    /** Bucket4j's time source on the guard's clock. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
