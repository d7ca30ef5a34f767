package io.coinwatch.marketdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.source.SourceProperties;

/**
 * symbol-discovery: at start and hourly, for every configured exchange, read its listing from the exchange's own
 * route (direct:&lt;exchange&gt;-listing: the instruments it collects), fill in launch times the listing does not give
 * (the stored one, else the exchange's direct:&lt;exchange&gt;-first-candle) and reconcile them with the stored symbols
 * (added / updated / delisted events), then apply the exchange's collection scope (SymbolCollection). A listing that could not be read completely changes nothing, so a failed page
 * never looks like a delisting; one exchange failing leaves the others alone.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class SymbolDiscoveryRoutes extends RouteBuilder {

    private final Set<String> exchanges;

    public SymbolDiscoveryRoutes(SourceProperties exchangeProperties) {
        this.exchanges = exchangeProperties.exchanges().keySet();
    }

    @Override
    public void configure() {
        from("quartz:market-data/symbol-discovery?cron={{coinwatch.market-data.discovery.cron}}")
                .routeId("symbol-discovery-schedule").routeGroup("market-data")
                .to("direct:symbol-discovery");

        from("timer:symbol-discovery-startup?repeatCount=1&delay={{coinwatch.market-data.discovery.startup-delay-ms}}")
                .routeId("symbol-discovery-startup").routeGroup("market-data")
                .autoStartup("{{coinwatch.market-data.discovery.on-startup}}")
                .to("direct:symbol-discovery");

        // Body: the exchange to discover, or none for all of them.
        from("direct:symbol-discovery").routeId("symbol-discovery").routeGroup("market-data")
                .routeConfigurationId(CollectionRunErrorHandling.ID)
                .split(method(this, "exchanges"))
                    .setProperty("exchange", body())
                    .doTry()
                        .to("direct:exchange-symbol-discovery")
                    .doCatch(Exception.class)
                        .bean("collectionRunFailures", "failed(${routeId}, ${exchangeProperty.exchange}, ${exception})")
                    .end()
                .end();

        // Body: one exchange name. Failures propagate to the caller, unhandled and unlogged here: the exchange's own
        // routes have retried them already, and the caller reports them.
        from("direct:exchange-symbol-discovery").routeId("exchange-symbol-discovery").routeGroup("market-data")
                .errorHandler(noErrorHandler())
                .setProperty("exchange", body())
                .toD("direct:${exchangeProperty.exchange}-listing")
                .bean("symbolCatalog", "withStoredLaunchTimes(${exchangeProperty.exchange}, ${body})")
                .split(body(), AggregationStrategies.flexible(ListedInstrument.class).accumulateInCollection(ArrayList.class))
                        .stopOnException()
                    .filter(simple("${body.launchTime} == null"))
                        // A symbol seen for the first time on an exchange that lists no launch time: it launched
                        // with its first candle. None yet: it is listed once it has one.
                        .setProperty("instrument", body())
                        .toD("direct:${exchangeProperty.exchange}-first-candle")
                        .process(SymbolDiscoveryRoutes::launchedAtFirstCandle)
                    .end()
                .end()
                .bean("symbolCatalog", "reconcile(${exchangeProperty.exchange}, ${body})")
                .bean("symbolCollection", "apply(${exchangeProperty.exchange})");
    }

    /**
     * The exchanges to discover: the one named in the body, or every configured one whose routes are loaded (a data
     * source whose route file was removed is skipped, not reported as failing every hour).
     */
    public List<String> exchanges(String requested) {
        if (requested == null || requested.isBlank()) {
            return exchanges.stream().filter(this::hasListingRoute).sorted().toList();
        }
        if (!exchanges.contains(requested)) {
            throw new IllegalArgumentException("No coinwatch.exchanges." + requested + " configured");
        }
        return List.of(requested);
    }

    private boolean hasListingRoute(String exchange) {
        // By id: a route file names its routes <exchange>-listing and so on (docs/adding-a-source.md). Its definition,
        // not its running route: the supervising route controller starts routes one by one after the context, and on a
        // slow start the start-up run came before the route files' routes were up and found no exchange at all. A
        // call to a route still starting waits for it (direct's block, 30 s).
        return getCamelContext().getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition(exchange + "-listing") != null;
    }

    private static void launchedAtFirstCandle(Exchange exchange) {
        Long firstOpenTime = exchange.getMessage().getBody(Long.class);
        ListedInstrument instrument = exchange.getProperty("instrument", ListedInstrument.class);
        exchange.getMessage().setBody(firstOpenTime == null ? null : instrument.withLaunchTime(firstOpenTime));
    }
}
