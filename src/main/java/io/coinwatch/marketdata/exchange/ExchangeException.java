package io.coinwatch.marketdata.exchange;

/**
 * A failed exchange call, classified by what the caller should do about it: {@link #retryable()} failures are retried
 * with backoff (5xx, timeouts, malformed bodies, rate limits, bans once lifted), the others are reported as they are.
 */
public class ExchangeException extends RuntimeException {

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

    private final String exchange;
    private final Kind kind;

    public ExchangeException(String exchange, Kind kind, String message) {
        super(exchange + ": " + message);
        this.exchange = exchange;
        this.kind = kind;
    }

    public String exchange() {
        return exchange;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable;
    }
}
