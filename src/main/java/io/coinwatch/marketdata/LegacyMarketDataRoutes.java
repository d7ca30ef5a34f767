package io.coinwatch.marketdata;

import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyPageRoutes;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The legacy database's market-data routes: the symbol pages and the list of kline symbols (camel-sql), and
 * legacy-kline-page, which stores one page of klines that {@link LegacyKlineReader} streamed out with COPY.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class LegacyMarketDataRoutes extends LegacyPageRoutes {

    static final String SYMBOLS_PAGE = "direct:legacy-symbols-page";
    static final String KLINE_SYMBOLS = "direct:legacy-kline-symbols";
    static final String KLINE_PAGE = "direct:legacy-kline-page";

    @Override
    public void configure() {
        page(SYMBOLS_PAGE, "legacy-symbols-page", "symbols-page.sql");
        page(KLINE_SYMBOLS, "legacy-kline-symbols", "kline-symbols.sql");
        from(KLINE_PAGE).routeId("legacy-kline-page").routeGroup("legacy-import").errorHandler(noErrorHandler())
                .bean("legacyKlineStore", "store");
    }
}
