package io.coinwatch.core.source;

/**
 * A failed call to a data source (exchange or vendor), classified by what the caller should do about it: {@link #retryable()} failures are retried
 * with backoff (5xx, timeouts, malformed bodies, rate limits, bans once lifted), the others are reported as they are.
 */
public class SourceException extends RuntimeException {

    /** Why the call failed. */
    public enum Kind {
        RATE_LIMITED(true), BANNED(true), SERVER_ERROR(true), MALFORMED(true), API_ERROR(false), UNKNOWN_SYMBOL(false),
        /** A monthly call budget (CoinGecko's plans have one) is used up: nothing more goes out until it renews. */
        QUOTA_EXHAUSTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final String source;
    private final Kind kind;

    public SourceException(String source, Kind kind, String message) {
        super(source + ": " + message);
        this.source = source;
        this.kind = kind;
    }

    public String source() {
        return source;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable;
    }
}
