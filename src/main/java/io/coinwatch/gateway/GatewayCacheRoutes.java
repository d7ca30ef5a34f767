package io.coinwatch.gateway;

import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventConsumerRouteBuilder;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/** gateway-cache-eviction: market.updated drops the symbol's cached candle and indicator answers. */
@Component
@ConditionalOnRole(Role.GATEWAY)
public class GatewayCacheRoutes extends EventConsumerRouteBuilder {

    @Override
    public void configure() {
        fromQueue("gateway.cache", "gateway-cache-eviction")
                .bean("responseCache", "onMarketUpdated");
    }
}
