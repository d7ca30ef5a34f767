package io.coinwatch.core.health;

import java.time.Instant;
import java.util.List;

/**
 * What an exchange adapter tells health and alerting about its exchanges: circuit breaker state, a ban (HTTP 403/418
 * or a 429 with a long Retry-After) and the last error. The market-data role implements it; every process injects all
 * implementations as a List, which may be empty. Each process reports its own sources in its system.status, so the
 * monitor sees them also when it runs elsewhere.
 */
public interface ExchangeHealthSource {

    /** The state of every exchange this source talks to; called on every health request and status, so keep it cheap. */
    List<ExchangeState> exchangeStates();

    /** Resilience4j's CLOSED, HALF_OPEN and OPEN; map FORCED_OPEN to OPEN and DISABLED/METRICS_ONLY to CLOSED. */
    enum CircuitState { CLOSED, HALF_OPEN, OPEN }

    /**
     * One exchange as its adapter sees it.
     *
     * @param exchange    the exchange name as stored in symbol.exchange, e.g. "bybit"
     * @param circuit     the circuit breaker in front of its HTTP calls
     * @param bannedUntil until when the exchange refuses us, or null when it does not
     * @param lastError   the last failure's message, or null
     * @param unreachableSince since when no connection to it succeeds (DNS, refused, timeout), or null
     */
    record ExchangeState(String exchange, CircuitState circuit, Instant bannedUntil, String lastError, Instant unreachableSince) {

        /** Open circuit, a ban still running or no connection: the exchange cannot be collected from now. */
        public boolean unavailable(Instant now) {
            return circuit == CircuitState.OPEN || (bannedUntil != null && bannedUntil.isAfter(now)) || unreachableSince != null;
        }
    }
}
