package io.coinwatch.fundamental;

import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyPageRoutes;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/** The legacy database's fundamental-data pages. */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class LegacyFundamentalRoutes extends LegacyPageRoutes {

    static final String METADATA_PAGE = "direct:legacy-token-metadata-page";
    static final String ASSET_COINS = "direct:legacy-asset-coins";
    static final String PLATFORMS_PAGE = "direct:legacy-token-platforms-page";
    static final String METRICS_PAGE = "direct:legacy-market-metrics-page";
    static final String SENTIMENT_PAGE = "direct:legacy-sentiment-page";

    @Override
    public void configure() {
        page(METADATA_PAGE, "legacy-token-metadata-page", "token-metadata-page.sql");
        page(ASSET_COINS, "legacy-asset-coins", "asset-coins.sql");
        page(PLATFORMS_PAGE, "legacy-token-platforms-page", "token-platforms-page.sql");
        page(METRICS_PAGE, "legacy-market-metrics-page", "market-metrics-page.sql");
        page(SENTIMENT_PAGE, "legacy-sentiment-page", "sentiment-page.sql");
    }
}
