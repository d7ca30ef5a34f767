package io.coinwatch.core.source;

import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ExchangeHealthSource;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * Reports each configured source to health and alerting: its guard's ban and last error, and the state of the
 * circuit breaker in its request route.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class SourceHealth implements ExchangeHealthSource {

    private final SourceGuards guards;
    private final CamelContext camel;

    public SourceHealth(SourceGuards guards, CamelContext camel) {
        this.guards = guards;
        this.camel = camel;
    }

    @Override
    public List<ExchangeState> exchangeStates() {
        return guards.all().stream().map(guard -> {
            SourceGuard.State state = guard.state();
            return new ExchangeState(guard.source(), circuit(guard.source()), state.bannedUntil(), state.lastError(),
                    state.unreachableSince());
        }).toList();
    }

    private CircuitState circuit(String source) {
        ResilienceProcessor processor = SourceRequestTemplate.circuitBreaker(camel, source);
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
