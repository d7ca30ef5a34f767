package io.coinwatch.marketdata.exchange;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether a failed exchange call is tried again. Two budgets per call, counted on the exchange itself:
 * rate limits and bans (the guard already holds the retry until the exchange allows it) get many tries, faults
 * (5xx, timeouts, malformed bodies, an open circuit) a few. One decision for every kind of failure, because Camel
 * restarts its redelivery count whenever a different onException clause matches, and a call alternating between
 * two failures would then retry forever.
 */
@Component("exchangeRetryPolicy")
public class ExchangeRetryPolicy {

    private static final String LIMIT_TRIES = "coinwatchLimitRetries";
    private static final String FAULT_TRIES = "coinwatchFaultRetries";

    private final int maxRetries;
    private final int limitRetries;

    public ExchangeRetryPolicy(@Value("${coinwatch.market-data.http.max-retries:5}") int maxRetries,
                               @Value("${coinwatch.market-data.http.limit-retries:30}") int limitRetries) {
        this.maxRetries = maxRetries;
        this.limitRetries = limitRetries;
    }

    public boolean shouldRetry(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean limit = false;
        if (failure instanceof ExchangeException e) {
            if (!e.retryable()) {
                return false;
            }
            limit = e.kind() == ExchangeException.Kind.RATE_LIMITED || e.kind() == ExchangeException.Kind.BANNED;
        }
        String counter = limit ? LIMIT_TRIES : FAULT_TRIES;
        int tries = exchange.getProperty(counter, 0, Integer.class) + 1;
        exchange.setProperty(counter, tries);
        return tries <= (limit ? limitRetries : maxRetries);
    }
}
