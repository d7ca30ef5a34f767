package io.coinwatch.marketdata;

import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyPageRoutes;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/** The legacy database's market-data pages. */
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
        page(KLINE_PAGE, "legacy-kline-page", "kline-page.sql");
    }
}
