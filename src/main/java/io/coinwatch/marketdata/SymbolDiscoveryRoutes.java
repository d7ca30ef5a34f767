package io.coinwatch.marketdata;

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

/**
 * symbol-discovery: at start and hourly, read every page of Bybit's linear instruments, keep the Trading USDT
 * perpetuals and reconcile them with the stored symbols (added / updated / delisted events). A listing that could
 * not be read completely changes nothing, so a failed page never looks like a delisting.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class SymbolDiscoveryRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("quartz:market-data/symbol-discovery?cron={{coinwatch.market-data.discovery.cron}}")
                .routeId("symbol-discovery-schedule").routeGroup("market-data")
                .to("direct:symbol-discovery");

        from("timer:symbol-discovery-startup?repeatCount=1&delay={{coinwatch.market-data.discovery.startup-delay-ms}}")
                .routeId("symbol-discovery-startup").routeGroup("market-data")
                .autoStartup("{{coinwatch.market-data.discovery.on-startup}}")
                .to("direct:symbol-discovery");

        from("direct:symbol-discovery").routeId("symbol-discovery").routeGroup("market-data")
                .routeConfigurationId(CollectionRunErrorHandling.ID)
                .process(e -> e.setProperty("instruments", new ArrayList<>()))
                .setProperty("cursorParam", constant(""))
                .setProperty("morePages", constant(true))
                .doTry()
                    .loopDoWhile(exchangeProperty("morePages").isEqualTo(true))
                        .to("direct:bybit-instruments-page")
                        .process(SymbolDiscoveryRoutes::collectPage)
                    .end()
                    .bean("bybitInstruments", "listing(${exchangeProperty.instruments})")
                    .bean("symbolCatalog", "reconcile('bybit', ${body})")
                .endDoTry()
                .doCatch(Exception.class)
                    .bean("collectionRunFailures", "failed(${routeId}, ${exception})")
                .end();
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
