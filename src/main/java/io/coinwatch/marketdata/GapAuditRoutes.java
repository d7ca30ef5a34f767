package io.coinwatch.marketdata;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * gap-audit: periodically compare stored candles with the expected 5m grid, record each gap, refetch the open ones
 * (gaps in parallel on the fetch pool, the pages of one gap in order) and settle them as repaired or unfillable.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class GapAuditRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("quartz:market-data/gap-audit?cron={{coinwatch.market-data.gap-audit.cron}}")
                .routeId("gap-audit-schedule").routeGroup("market-data")
                .to("direct:gap-audit");

        from("direct:gap-audit").routeId("gap-audit").routeGroup("market-data")
                .routeConfigurationId(CollectionRunErrorHandling.ID)
                .bean("gapAudit", "detect")
                .split(body()).parallelProcessing().executorService("klineFetchPool")
                    .setProperty("gap", body())
                    .doTry()
                        .split(method("gapAudit", "pages"))
                            .toD("direct:${body.exchange}-kline-page")
                        .end()
                        .bean("gapAudit", "afterRepair(${exchangeProperty.gap}, null)")
                    .endDoTry()
                    .doCatch(Exception.class)
                        .bean("pipelineMetrics", "error('gap-audit', ${exchangeProperty.gap.exchange}, ${exchangeProperty.gap.symbol}, ${exception})")
                        .bean("gapAudit", "afterRepair(${exchangeProperty.gap}, ${exception})")
                    .end()
                .end();
    }
}
