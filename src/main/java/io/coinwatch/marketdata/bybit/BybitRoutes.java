package io.coinwatch.marketdata.bybit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.marketdata.bybit.BybitResponses.InstrumentsPage;
import io.coinwatch.marketdata.exchange.ExchangeCallErrorHandling;
import io.coinwatch.marketdata.exchange.ExchangeRetryPolicy;

/**
 * The Bybit v5 adapter: one guarded request route, and on top of it the routes that the generic collection flows
 * call: direct:bybit-kline-page and direct:bybit-listing (every page of instruments-info, following its cursor).
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class BybitRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // Guard, circuit breaker, GET, classification. No error handler here: the caller's redelivery re-runs it whole.
        from("direct:bybit-request").routeId("bybit-request").routeGroup("bybit")
                .errorHandler(noErrorHandler())
                .removeHeaders("*", "CamelHttpQuery")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, exchangeProperty("bybitPath"))
                .setProperty(ExchangeRetryPolicy.EXCHANGE_PROPERTY, constant("bybit"))
                .bean("exchangeGuards", "acquire('bybit')")
                .circuitBreaker().id("cb-bybit").configuration("bybit")
                    .to("{{coinwatch.exchanges.bybit.base-url}}?throwExceptionOnFailure=false&httpClientConfigurer=#exchangeHttpClientConfigurer")
                    .bean("bybitResponses", "result")
                .end();

        from("direct:bybit-kline-page").routeId("bybit-kline-page").routeGroup("bybit")
                .routeConfigurationId(ExchangeCallErrorHandling.ID)
                .setProperty("page", body())
                .setProperty("bybitPath", constant("/v5/market/kline"))
                .setHeader(Exchange.HTTP_QUERY, simple("category=linear&symbol=${body.symbol}&interval=5"
                        + "&start=${body.start}&end=${body.end}&limit=1000"))
                .to("direct:bybit-request")
                .bean("bybitResponses", "klines")
                .bean("klineWriter", "store(${exchangeProperty.page}, ${body})");

        from("direct:bybit-listing").routeId("bybit-listing").routeGroup("bybit")
                .process(e -> e.setProperty("instruments", new ArrayList<>()))
                .setProperty("cursorParam", constant(""))
                .setProperty("morePages", constant(true))
                .loopDoWhile(exchangeProperty("morePages").isEqualTo(true))
                    .to("direct:bybit-instruments-page")
                    .process(BybitRoutes::collectPage)
                .end()
                .bean("bybitInstruments", "listing(${exchangeProperty.instruments})");

        from("direct:bybit-instruments-page").routeId("bybit-instruments-page").routeGroup("bybit")
                .routeConfigurationId(ExchangeCallErrorHandling.ID)
                .setProperty("bybitPath", constant("/v5/market/instruments-info"))
                .setHeader(Exchange.HTTP_QUERY, simple("category=linear&limit={{coinwatch.market-data.discovery.page-size}}${exchangeProperty.cursorParam}"))
                .to("direct:bybit-request")
                .bean("bybitResponses", "instruments");
    }

    @SuppressWarnings("unchecked")
    private static void collectPage(Exchange exchange) {
        InstrumentsPage page = exchange.getMessage().getBody(InstrumentsPage.class);
        exchange.getProperty("instruments", List.class).addAll(page.items());
        boolean more = page.nextCursor() != null && !page.items().isEmpty();
        exchange.setProperty("morePages", more);
        exchange.setProperty("cursorParam", more ? "&cursor=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8) : "");
    }
}
