package io.coinwatch.marketdata;

import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventConsumerRouteBuilder;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/** indicator-calculation: on market.updated, refresh the symbol's latest default indicator values. */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class IndicatorCalculationRoutes extends EventConsumerRouteBuilder {

    @Override
    public void configure() {
        fromQueue("market-data.indicators", "indicator-calculation", "{{coinwatch.market-data.indicators.concurrency}}")
                .bean("indicatorCalculation", "onMarketUpdated");
    }
}
