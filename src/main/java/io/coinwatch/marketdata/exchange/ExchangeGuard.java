package io.coinwatch.marketdata.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that stands between this process and one exchange's IP limit: a budget of request weight shared by every
 * route (a token bucket refilled evenly over the window, so concurrency cannot burst past it), the pause after a 429
 * or when the exchange reports the IP's usage close to its limit, and the ban after a 403/418 during which no request
 * is sent at all.
 */
public class ExchangeGuard {

    private static final Logger log = LoggerFactory.getLogger(ExchangeGuard.class);
    /** Share of the exchange's IP limit at which this process stops until the exchange's window turns over. */
    private static final double USAGE_CEILING = 0.9;

    /** What health and the monitor show for this exchange. */
    public record State(String exchange, Instant bannedUntil, Instant pausedUntil, String lastError, long requests,
                        Instant unreachableSince) {
    }

    private final String exchange;
    private final Clock clock;
    private final double permitsPerNano;
    private final double capacity;
    private final Duration banWindow;
    private final Duration window;
    private final int ipLimit;

    private double tokens;
    private long lastRefillNanos;
    private Instant bannedUntil = Instant.EPOCH;
    private Instant pausedUntil = Instant.EPOCH;
    private String lastError;
    private long requests;
    private Instant unreachableSince;

    /**
     * @param weightPerWindow the budget: request weight this process may send per window
     * @param ipLimit         the exchange's own limit per IP and window as its usage reports count it, 0 if it reports none
     */
    public ExchangeGuard(String exchange, int weightPerWindow, Duration window, Duration banWindow, int ipLimit, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
        this.capacity = Math.max(1, weightPerWindow / 10.0); // a tenth of the window as burst, the rest evenly spread
        this.permitsPerNano = weightPerWindow / (double) window.toNanos();
        this.banWindow = banWindow;
        this.window = window;
        this.ipLimit = ipLimit;
        this.tokens = capacity;
        this.lastRefillNanos = System.nanoTime();
    }

    public String exchange() {
        return exchange;
    }

    /** Blocks until a request of weight 1 may be sent. */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    /**
     * Blocks until a request of this weight may be sent: after any ban or pause, and within the budget. A request
     * heavier than the burst allowance waits for a full bucket and leaves it in debt, so it is never starved.
     */
    public void acquire(int weight) throws InterruptedException {
        if (weight < 1) {
            throw new IllegalArgumentException("request weight must be at least 1, got " + weight);
        }
        double needed = Math.min(weight, capacity);
        while (true) {
            long waitMillis;
            synchronized (this) {
                Instant now = clock.instant();
                Instant blockedUntil = bannedUntil.isAfter(pausedUntil) ? bannedUntil : pausedUntil;
                if (blockedUntil.isAfter(now)) {
                    waitMillis = Duration.between(now, blockedUntil).toMillis() + 1;
                } else {
                    refill();
                    if (tokens >= needed) {
                        tokens -= weight;
                        requests++;
                        return;
                    }
                    waitMillis = Math.max(1, (long) Math.ceil((needed - tokens) / permitsPerNano / 1_000_000));
                }
            }
            Thread.sleep(Math.min(waitMillis, 1000));
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefillNanos) * permitsPerNano);
        lastRefillNanos = now;
    }

    /** HTTP 429 or a rate-limit retCode: nothing is sent until the exchange's reset time. */
    public synchronized void rateLimited(Instant resetAt, String message) {
        Instant until = resetAt == null || resetAt.isBefore(clock.instant()) ? clock.instant().plusSeconds(1) : resetAt;
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
            log.warn("{} rate limit hit ({}); pausing requests until {}", exchange, message, until);
        }
        lastError = message;
    }

    /**
     * The IP's usage in the exchange's current window, as the exchange reports it: other processes behind the same
     * address count too, so near the exchange's limit nothing more is sent until its window turns over. Windows are
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
            log.warn("{} reports {} of its {} per IP used; pausing requests until {}", exchange, used, ipLimit, nextWindow);
        }
    }

    /** An IP ban: every call to this exchange stops for the ban window. */
    public synchronized void banned(Duration retryAfter, String message) {
        Instant until = clock.instant().plus(retryAfter == null ? banWindow : retryAfter);
        if (until.isAfter(bannedUntil)) {
            bannedUntil = until;
            log.error("{} banned this IP ({}); no request will be sent until {}", exchange, message, until);
        }
        lastError = message;
    }

    public synchronized void failed(String message) {
        lastError = message;
    }

    /** No connection could be made (DNS, refused, timeout): the exchange counts as unavailable until one succeeds. */
    public synchronized void unreachable(String message) {
        if (unreachableSince == null) {
            unreachableSince = clock.instant();
        }
        lastError = message;
    }

    /** An answer came back, whatever it said: the exchange is reachable. */
    public synchronized void answered() {
        if (unreachableSince != null) {
            log.info("{} is reachable again", exchange);
            unreachableSince = null;
        }
    }

    public synchronized boolean isBanned() {
        return bannedUntil.isAfter(clock.instant());
    }

    public synchronized State state() {
        return new State(exchange, bannedUntil.isAfter(clock.instant()) ? bannedUntil : null,
                pausedUntil.isAfter(clock.instant()) ? pausedUntil : null, lastError, requests, unreachableSince);
    }

    public Duration banWindow() {
        return banWindow;
    }
}
