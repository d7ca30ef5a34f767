package io.coinwatch.gateway;

import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.BroadcastQueues;
import io.coinwatch.core.messaging.EventConsumerRouteBuilder;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * gateway-cache-eviction: market.updated drops the symbol's cached candle and indicator answers, in every gateway
 * replica (each on its own queue of the gateway.cache subscription).
 */
@Component
@ConditionalOnRole(Role.GATEWAY)
public class GatewayCacheRoutes extends EventConsumerRouteBuilder {

    public static final String SUBSCRIPTION = "gateway.cache";

    private final BroadcastQueues broadcast;

    public GatewayCacheRoutes(BroadcastQueues broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void configure() {
        fromBroadcast(broadcast, SUBSCRIPTION, "gateway-cache-eviction")
                .bean("responseCache", "onMarketUpdated");
    }
}
