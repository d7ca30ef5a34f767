package io.coinwatch.marketdata;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ComponentHealth;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The health component "collectionScope": per exchange, the symbols its collect setting names but the exchange does
 * not list (a typo, a delisting). Reported, never fatal: the component stays UP and the rest of the scope applies.
 */
@Component("collectionScopeHealthIndicator")
@ConditionalOnRole(Role.MARKET_DATA)
public class CollectionScopeReport extends ComponentHealth {

    private final Map<String, List<String>> unknown = new ConcurrentHashMap<>();

    void unknownSymbols(String exchange, List<String> symbols) {
        unknown.put(exchange, List.copyOf(symbols));
    }

    @Override
    protected Health check() {
        Map<String, Object> details = new TreeMap<>();
        unknown.forEach((exchange, symbols) -> details.put(exchange, Map.of("unknownSymbols", symbols)));
        return Health.up().withDetails(details).build();
    }
}
