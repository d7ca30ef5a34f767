package io.coinwatch.simulator;

/**
 * A fixed-length counting window that opens with the first request after the previous one expired. Anchoring on the
 * first request rather than the epoch keeps tests that send a burst from straddling a boundary by chance.
 */
final class RateWindow {

    record Usage(long used, long limit, long resetAt) {
        long remaining() {
            return Math.max(0, limit - used);
        }

        boolean exceeded() {
            return used > limit;
        }
    }

    private final long limit;
    private final long lengthMillis;
    private long openedAt = Long.MIN_VALUE;
    private long used;

    RateWindow(long limit, long lengthMillis) {
        this.limit = limit;
        this.lengthMillis = lengthMillis;
    }

    synchronized Usage add(long cost, long now) {
        rollOver(now);
        used += cost;
        return new Usage(used, limit, openedAt + lengthMillis);
    }

    /** The usage a request arriving now would see, without opening a window for it. */
    synchronized Usage peek(long now) {
        if (expired(now)) {
            return new Usage(0, limit, now + lengthMillis);
        }
        return new Usage(used, limit, openedAt + lengthMillis);
    }

    private void rollOver(long now) {
        if (expired(now)) {
            openedAt = now;
            used = 0;
        }
    }

    private boolean expired(long now) {
        return openedAt == Long.MIN_VALUE || now >= openedAt + lengthMillis;
    }
}
