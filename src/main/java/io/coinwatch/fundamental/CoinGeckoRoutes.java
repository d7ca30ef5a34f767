package io.coinwatch.fundamental;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.marketdata.exchange.ExchangeCallErrorHandling;
import io.coinwatch.marketdata.exchange.ExchangeRequestRoutes;

/**
 * The CoinGecko adapter: the guarded request route (per-minute guard, monthly budget, API key, circuit breaker
 * "coingecko", 429 with Retry-After told to the guard) and the three calls the collection flows make on top of it:
 * direct:coingecko-coins-list (every coin: id, symbol, name), direct:coingecko-markets (a list of at most
 * page-size coin ids in, their /coins/markets rows out) and direct:coingecko-coin (a coin id in, its metadata document
 * out). Retries of each call come from the exchange-call-errors route configuration.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class CoinGeckoRoutes extends ExchangeRequestRoutes {

    static final String NAME = "coingecko";
    private static final String COIN_FLAGS =
            "localization=false&tickers=false&market_data=false&community_data=false&developer_data=false&sparkline=false";

    private final FundamentalProperties.CoinGecko account;

    public CoinGeckoRoutes(FundamentalProperties properties) {
        this.account = properties.coingecko();
    }

    @Override
    public void configure() {
        requestRoute(NAME, "coinwatch.vendors.coingecko.base-url", "coinGeckoResponses", route -> {
            route.bean("coingeckoBudget", "spend");
            return account.apiKey().isEmpty() ? route : route.setHeader(account.keyHeader(), constant(account.apiKey()));
        });

        from("direct:coingecko-coins-list").routeId("coingecko-coins-list").routeGroup(NAME)
                .routeConfigurationId(ExchangeCallErrorHandling.ID)
                .setProperty(PATH, constant("/coins/list"))
                .setHeader(Exchange.HTTP_QUERY, constant("include_platform=false"))
                .to("direct:coingecko-request")
                .bean("coinGeckoResponses", "coins");

        from("direct:coingecko-markets").routeId("coingecko-markets").routeGroup(NAME)
                .routeConfigurationId(ExchangeCallErrorHandling.ID)
                .setProperty(PATH, constant("/coins/markets"))
                .setHeader(Exchange.HTTP_QUERY, method("coinGeckoResponses", "marketsQuery"))
                .to("direct:coingecko-request")
                .bean("coinGeckoResponses", "markets");

        from("direct:coingecko-coin").routeId("coingecko-coin").routeGroup(NAME)
                .routeConfigurationId(ExchangeCallErrorHandling.ID)
                .setProperty(PATH, method("coinGeckoResponses", "coinPath"))
                .setHeader(Exchange.HTTP_QUERY, constant(COIN_FLAGS))
                .to("direct:coingecko-request")
                .bean("coinGeckoResponses", "coin");
    }
}
