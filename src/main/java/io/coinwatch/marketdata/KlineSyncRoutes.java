package io.coinwatch.marketdata;

import java.util.ArrayList;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * kline-sync: every 5 minutes, just after a candle closes, fetch each fully backfilled symbol of every exchange from
 * its last stored candle to the last closed one (through direct:&lt;exchange&gt;-kline-page) and publish
 * market.updated. A symbol that fails is left to the next run (and to the gap audit), never blocking the others.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class KlineSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("quartz:market-data/kline-sync?cron={{coinwatch.market-data.sync.cron}}")
                .routeId("kline-sync-schedule").routeGroup("market-data")
                .to("direct:kline-sync");

        from("direct:kline-sync").routeId("kline-sync").routeGroup("market-data")
                .routeConfigurationId(CollectionRunErrorHandling.ID)
                .bean("klineSync", "plan")
                .split(body(), AggregationStrategies.flexible(PageResult.class).accumulateInCollection(ArrayList.class))
                        .parallelProcessing().executorService("klineFetchPool")
                    .doTry()
                        .toD("direct:${body.exchange}-kline-page")
                    .doCatch(Exception.class)
                        .log(LoggingLevel.WARN, "Sync of ${body.symbol} failed, the next run retries: ${exception.message}")
                        .bean("pipelineMetrics", "error('kline-sync', ${body.exchange}, ${body.symbol}, ${exception})")
                        .setBody(constant(null))
                    .end()
                .end()
                .bean("klineSync", "publishUpdates");
    }
}
