package io.coinwatch.marketdata.exchange;

import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ExchangeHealthSource;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * Reports each configured exchange to health and alerting: its guard's ban and last error, and the state of the
 * circuit breaker with id {@code cb-<exchange>} in its request route.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class ExchangeHealth implements ExchangeHealthSource {

    private final ExchangeGuards guards;
    private final CamelContext camel;

    public ExchangeHealth(ExchangeGuards guards, CamelContext camel) {
        this.guards = guards;
        this.camel = camel;
    }

    @Override
    public List<ExchangeState> exchangeStates() {
        return guards.all().stream().map(guard -> {
            ExchangeGuard.State state = guard.state();
            return new ExchangeState(guard.exchange(), circuit(guard.exchange()), state.bannedUntil(), state.lastError(),
                    state.unreachableSince());
        }).toList();
    }

    private CircuitState circuit(String exchange) {
        ResilienceProcessor processor = camel.getProcessor("cb-" + exchange, ResilienceProcessor.class);
        CircuitBreaker breaker = processor == null ? null : processor.getCircuitBreaker();
        if (breaker == null) {
            return CircuitState.CLOSED;
        }
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            default -> CircuitState.CLOSED;
        };
    }
}
