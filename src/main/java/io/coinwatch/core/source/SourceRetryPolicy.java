package io.coinwatch.core.source;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether a failed call to a source is tried again. Two budgets per call, counted on the Camel exchange:
 * rate limits and bans (the guard already holds the retry until the source allows it) get many tries, faults
 * (5xx, timeouts, malformed bodies, an open circuit) a few. One decision for every kind of failure, because Camel
 * restarts its redelivery count whenever a different onException clause matches, and a call alternating between
 * two failures would then retry forever.
 */
@Component("sourceRetryPolicy")
public class SourceRetryPolicy {

    private static final String LIMIT_TRIES = "coinwatchLimitRetries";
    private static final String FAULT_TRIES = "coinwatchFaultRetries";

    /** The exchange property the request routes set, naming the source they call. */
    public static final String SOURCE_PROPERTY = "coinwatchSource";

    private final int maxRetries;
    private final int limitRetries;
    private final SourceGuards guards;

    public SourceRetryPolicy(@Value("${coinwatch.market-data.http.max-retries:5}") int maxRetries,
                               @Value("${coinwatch.market-data.http.limit-retries:30}") int limitRetries,
                               SourceGuards guards) {
        this.maxRetries = maxRetries;
        this.limitRetries = limitRetries;
        this.guards = guards;
    }

    public boolean shouldRetry(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        IOException io = ioCause(failure);
        String name = exchange.getProperty(SOURCE_PROPERTY, String.class);
        if (io != null && name != null) {
            guards.of(name).unreachable(io.getClass().getSimpleName() + ": " + io.getMessage());
        }
        boolean limit = false;
        if (failure instanceof SourceException e) {
            if (!e.retryable()) {
                return false;
            }
            limit = e.kind() == SourceException.Kind.RATE_LIMITED || e.kind() == SourceException.Kind.BANNED;
        }
        String counter = limit ? LIMIT_TRIES : FAULT_TRIES;
        int tries = exchange.getProperty(counter, 0, Integer.class) + 1;
        exchange.setProperty(counter, tries);
        return tries <= (limit ? limitRetries : maxRetries);
    }

    private static IOException ioCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
