package io.coinwatch.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.coinwatch.core.ratelimit.SharedBuckets;

/**
 * The rate-limit tokens this gateway replica holds. It takes them from the shared bucket (SharedBuckets, PostgreSQL) a
 * batch at a time, {@code localShare} of the limit, and hands them out one per request without asking the database, so
 * a client's requests cost one transaction per batch instead of one each. Only tokens taken from the shared bucket are
 * handed out, so the replicas together never let more than the limit through in a window; the price is the other way:
 * tokens a replica took and did not hand out before the window ends are lost, at most batch - 1 per replica, client
 * and group. Tokens are dropped when the window they were taken from ends. A bucket found empty is not asked again
 * before it refills, because a fixed window gives tokens back only then.
 */
class ReservedTokens {

    /** One request's answer: admitted or not, the budget left as this replica knows it, when the window refills. */
    record Admission(boolean admitted, long remaining, long refillAtMillis) {
    }

    /** The tokens held for one client and group; guarded by itself (refillAt is also read by the sweep, unlocked). */
    private static final class Held {
        private long tokens;
        private long sharedRemaining;
        private volatile long refillAt;
        private boolean empty;

        private Held(long refillAt) {
            this.refillAt = refillAt;
        }
    }

    private final SharedBuckets buckets;
    private final Clock clock;
    private final double localShare;
    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    ReservedTokens(SharedBuckets buckets, Clock clock, double localShare) {
        this.buckets = buckets;
        this.clock = clock;
        this.localShare = localShare;
    }

    /** How many tokens a replica takes at once for a limit: its share, at least one. */
    long batch(long limit) {
        return Math.max(1, (long) (limit * localShare));
    }

    /**
     * Takes one token of the bucket {@code key} (a fixed window of {@code limit} per {@code window}). The shared
     * bucket's errors (the database away) come through: the caller decides what an unknown budget means.
     */
    Admission take(String key, long limit, Duration window) {
        long now = clock.millis();
        sweep(now, window);
        Held h = held.computeIfAbsent(key, k -> new Held(now + window.toMillis()));
        synchronized (h) {
            if (now >= h.refillAt) {
                h.tokens = 0;
                h.empty = false;
            }
            if (h.tokens == 0 && !h.empty) {
                SharedBuckets.Reservation taken = buckets.reserve(key, SharedBuckets.fixedWindow(limit, window), batch(limit));
                h.tokens = taken.taken();
                h.sharedRemaining = taken.remaining();
                h.refillAt = now + TimeUnit.NANOSECONDS.toMillis(taken.nanosToRefill() + 999_999);
                h.empty = taken.taken() == 0;
            }
            if (h.tokens == 0) {
                return new Admission(false, 0, h.refillAt);
            }
            h.tokens--;
            return new Admission(true, h.sharedRemaining + h.tokens, h.refillAt);
        }
    }

    private void sweep(long now, Duration window) {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + window.toMillis())) {
            // Unlocked: a replica asking the database for one client must not hold up the sweep for all.
            held.values().removeIf(h -> now >= h.refillAt);
        }
    }
}
