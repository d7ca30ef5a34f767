package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.coinwatch.core.source.SourceProperties;

/**
 * Which exchanges a discovery run visits. The supervising route controller (the app's) starts routes one at a time
 * after the context; a run that came before a route file's routes were up once found no exchange and did nothing,
 * silently, until the next hourly run.
 */
class SymbolDiscoveryExchangesTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        camel.stop();
    }

    private SymbolDiscoveryRoutes discovery(String... withListingRoute) throws Exception {
        camel.getRouteController().supervising();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String exchange : withListingRoute) {
                    // Not started yet, as a route file's route is while the controller works through the list.
                    from("direct:" + exchange + "-listing").routeId(exchange + "-listing").autoStartup(false).log("listing");
                }
            }
        });
        camel.start();
        SourceProperties.Source source = new SourceProperties.Source("http://127.0.0.1:1", 0, null, null, 0);
        SymbolDiscoveryRoutes routes = new SymbolDiscoveryRoutes(new SourceProperties(
                Map.of("bybit", source, "binance", source), Map.of()));
        routes.setCamelContext(camel);
        return routes;
    }

    @Test
    void anExchangeWhoseListingRouteIsNotStartedYetIsDiscovered() throws Exception {
        assertThat(discovery("bybit", "binance").exchanges(null)).containsExactly("binance", "bybit");
    }

    @Test
    void anExchangeWithoutItsRouteFileIsSkippedAndOneNamedMustBeConfigured() throws Exception {
        SymbolDiscoveryRoutes routes = discovery("bybit");
        assertThat(routes.exchanges(null)).containsExactly("bybit");
        assertThat(routes.exchanges("binance")).containsExactly("binance");
        assertThatThrownBy(() -> routes.exchanges("kraken")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coinwatch.exchanges.kraken");
    }
}
