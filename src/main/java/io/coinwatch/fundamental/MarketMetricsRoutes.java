package io.coinwatch.fundamental;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * market-metrics: hourly, CoinGecko's /coins/markets for every collected coin in pages of up to 250 ids (two calls
 * for 500 coins), each row kept as a snapshot of that run. direct:market-metrics-collect takes a list of coin ids,
 * so newly mapped coins get their first snapshot at once.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class MarketMetricsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        FundamentalRunDefinitions.forCollectedCoins(this, "market-metrics", "coinwatch.fundamental.metrics.cron", "direct:market-metrics-collect");

        FundamentalRunDefinitions.define(this, "direct:market-metrics-collect", "market-metrics-collect", "market-metrics", "coingecko", run -> run
                .bean("coinGeckoResponses", "pages")
                .split(body()).stopOnException()
                    .setProperty("page", body())
                    .to("direct:coingecko-markets")
                    .bean("marketMetricsStore", "store(" + FundamentalRunDefinitions.RUN + ", ${exchangeProperty.page}, ${body})")
                .end());
    }
}
