package io.coinwatch.marketdata;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.source.SourceCallErrorHandling;
import io.coinwatch.core.source.SourceRequestTemplate;

import static io.coinwatch.core.source.SourceRequestTemplate.PATH;
import static io.coinwatch.core.source.SourceRequestTemplate.WEIGHT;

/**
 * The route templates of what every exchange provides to the collection flows, each a call through the exchange's
 * request route (template {@value SourceRequestTemplate#ID}) read by its {@link ExchangeWireFormat} bean:
 * <ul>
 * <li>{@value #LISTING}: direct:&lt;exchange&gt;-listing, the instruments to collect, following the pages;</li>
 * <li>{@value #FIRST_CANDLE}: direct:&lt;exchange&gt;-first-candle, a ListedInstrument in, the open time of its first
 * candle out (needed only when the listing gives no launch time);</li>
 * <li>{@value #KLINE_PAGE}: direct:&lt;exchange&gt;-kline-page, a PageRequest in, its candles stored by klineWriter,
 * its PageResult out.</li>
 * </ul>
 * Parameters: {@code exchange}, {@code reader} (the wire-format bean), {@code path}, {@code query} (Simple: the
 * PageRequest or ListedInstrument is the body) and {@code weight} (the request's weight in the budget, default 1).
 * Retries come from the {@value SourceCallErrorHandling#ID} route configuration.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class ExchangeRouteTemplates extends RouteBuilder {

    public static final String LISTING = "exchange-listing";
    public static final String FIRST_CANDLE = "exchange-first-candle";
    public static final String KLINE_PAGE = "exchange-kline-page";

    private static final String LISTED = "coinwatchListed";
    private static final String NEXT_PAGE = "coinwatchNextPage";

    @Override
    public void configure() {
        call(LISTING, "listing")
                .process(e -> e.setProperty(LISTED, new ArrayList<ListedInstrument>()))
                .setProperty(NEXT_PAGE, constant(""))
                .loopDoWhile(exchangeProperty(NEXT_PAGE).isNotNull())
                    .setHeader(Exchange.HTTP_QUERY, simple("{{query}}${exchangeProperty." + NEXT_PAGE + "}"))
                    .to("direct:{{exchange}}-request")
                    .bean("{{reader}}", "listing(${body}, '{{exchange}}')")
                    .process(ExchangeRouteTemplates::collectPage)
                .end()
                .setBody(exchangeProperty(LISTED));

        call(FIRST_CANDLE, "first-candle")
                .setHeader(Exchange.HTTP_QUERY, simple("{{query}}"))
                .to("direct:{{exchange}}-request")
                .bean("{{reader}}", "firstOpenTime(${body}, '{{exchange}}')");

        call(KLINE_PAGE, "kline-page")
                .setProperty("page", body())
                .setHeader(Exchange.HTTP_QUERY, simple("{{query}}"))
                .to("direct:{{exchange}}-request")
                .bean("{{reader}}", "klines(${body}, '{{exchange}}')")
                .bean("klineWriter", "store(${exchangeProperty.page}, ${body})");
    }

    /** The template's parameters and the start of its route: direct:&lt;exchange&gt;-&lt;call&gt;, path and weight set. */
    private RouteDefinition call(String templateId, String call) {
        return routeTemplate(templateId)
                .templateParameter("exchange", null, "the exchange's name, as configured under coinwatch.exchanges")
                .templateParameter("reader", null, "the name of the exchange's wire-format bean")
                .templateParameter("path", null, "the path below the exchange's base URL")
                .templateParameter("query", "", "the query string (Simple: ${body} is the request)")
                .templateParameter("weight", "1", "the request's weight in the exchange's budget")
                .configure(route -> {
                    SourceRequestTemplate.requireBean(route, "reader", ExchangeWireFormat.class);
                    String path = route.getProperty("path", String.class);
                    if (!path.startsWith("/")) {
                        throw new IllegalArgumentException("parameter path: '" + path + "' does not start with /");
                    }
                })
                .from("direct:{{exchange}}-" + call).routeGroup("exchanges")
                .routeConfigurationId(SourceCallErrorHandling.ID)
                .setProperty(PATH, constant("{{path}}"))
                .setProperty(WEIGHT, constant("{{weight}}"));
    }

    @SuppressWarnings("unchecked")
    private static void collectPage(Exchange exchange) {
        ExchangeWireFormat.ListingPage page = exchange.getMessage().getBody(ExchangeWireFormat.ListingPage.class);
        exchange.getProperty(LISTED, List.class).addAll(page.instruments());
        exchange.setProperty(NEXT_PAGE, page.nextPageParams());
    }
}
