package io.coinwatch.fundamental;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.source.SourceCallErrorHandling;
import io.coinwatch.core.source.SourceRequestTemplate;

import static io.coinwatch.core.source.SourceRequestTemplate.PATH;

/**
 * The CoinGecko adapter: the guarded request route coingecko-request (template {@value SourceRequestTemplate#ID}:
 * per-minute guard, circuit breaker "coingecko", 429 with Retry-After told to the guard; the reader coinGeckoResponses
 * adds the monthly budget and the API key) and the three calls the collection flows make on top of it:
 * direct:coingecko-coins-list (every coin: id, symbol, name), direct:coingecko-markets (a list of at most
 * page-size coin ids in, their /coins/markets rows out) and direct:coingecko-coin (a coin id in, its metadata document
 * out). Retries of each call come from the source-call-errors route configuration.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class CoinGeckoRoutes extends RouteBuilder {

    static final String NAME = "coingecko";
    private static final String COIN_FLAGS =
            "localization=false&tickers=false&market_data=false&community_data=false&developer_data=false&sparkline=false";

    @Override
    public void configure() {
        templatedRoute(SourceRequestTemplate.ID).routeId(NAME + "-request")
                .parameter("source", NAME)
                .parameter("baseUrl", "{{coinwatch.vendors.coingecko.base-url}}")
                .parameter("reader", "coinGeckoResponses");

        from("direct:coingecko-coins-list").routeId("coingecko-coins-list").routeGroup(NAME)
                .routeConfigurationId(SourceCallErrorHandling.ID)
                .setProperty(PATH, constant("/coins/list"))
                .setHeader(Exchange.HTTP_QUERY, constant("include_platform=false"))
                .to("direct:coingecko-request")
                .bean("coinGeckoResponses", "coins");

        from("direct:coingecko-markets").routeId("coingecko-markets").routeGroup(NAME)
                .routeConfigurationId(SourceCallErrorHandling.ID)
                .setProperty(PATH, constant("/coins/markets"))
                .setHeader(Exchange.HTTP_QUERY, method("coinGeckoResponses", "marketsQuery"))
                .to("direct:coingecko-request")
                .bean("coinGeckoResponses", "markets");

        from("direct:coingecko-coin").routeId("coingecko-coin").routeGroup(NAME)
                .routeConfigurationId(SourceCallErrorHandling.ID)
                .setProperty(PATH, method("coinGeckoResponses", "coinPath"))
                .setHeader(Exchange.HTTP_QUERY, constant(COIN_FLAGS))
                .to("direct:coingecko-request")
                .bean("coinGeckoResponses", "coin");
    }
}
