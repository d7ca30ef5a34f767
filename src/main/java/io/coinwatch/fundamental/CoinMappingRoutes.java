package io.coinwatch.fundamental;

import java.util.List;

import org.apache.camel.builder.AggregationStrategies;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventConsumerRouteBuilder;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * coin-mapping: which CoinGecko coin each exchange base asset is. Daily (and once at start) every active asset is
 * decided again; on symbol.added/updated/delisted only the assets without a mapping yet, and the active flags follow
 * the symbols (a delisted asset stops its coin's collection unless another active asset maps to it). Coins mapped for
 * the first time get their metadata and market metrics at once. Publishes fundamental.updated when anything changed.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class CoinMappingRoutes extends EventConsumerRouteBuilder {

    /**
     * Header of direct:coin-mapping, copied to a property for the whole run (headers are the calls' own): "all" active assets, or
     * only the "pending" ones without a mapping.
     */
    public static final String SCOPE = "coinMappingScope";

    @Override
    public void configure() {
        from("quartz:fundamental-data/coin-mapping?cron={{coinwatch.fundamental.mapping.cron}}")
                .routeId("coin-mapping-schedule").routeGroup("fundamental-data")
                .setHeader(SCOPE, constant("all"))
                .to("direct:coin-mapping");

        from("timer:coin-mapping-startup?repeatCount=1&delay={{coinwatch.fundamental.startup-delay-ms}}")
                .routeId("coin-mapping-startup").routeGroup("fundamental-data")
                .autoStartup("{{coinwatch.fundamental.on-startup}}")
                .setHeader(SCOPE, constant("all"))
                .to("direct:coin-mapping");

        fromQueue("fundamental-data.symbols", "fundamental-symbols-consumer")
                // Recorded first (a symbol event that names no symbol or base asset is parked, not acted on); the run
                // then maps whatever is pending.
                .bean("fundamentalSymbols", "record")
                .to("direct:coin-mapping-pending");

        // One run for the events of a burst (a discovery or legacy import announces hundreds of symbols at once), not
        // one run and its CoinGecko calls per symbol. An event is acknowledged before its run: a run lost in a crash is
        // made good by the mapping run at start, since the symbol is recorded already.
        from("direct:coin-mapping-pending").routeId("coin-mapping-pending").routeGroup("fundamental-data")
                .aggregate(constant(true), AggregationStrategies.useLatest())
                    .completionTimeout("{{coinwatch.fundamental.mapping.batch-delay-ms}}")
                .setHeader(SCOPE, constant("pending"))
                .to("direct:coin-mapping");

        FundamentalRunDefinitions.define(this, "direct:coin-mapping-run", "coin-mapping-run", "coin-mapping", "coingecko", run -> run
                .setProperty(SCOPE, header(SCOPE))
                .bean("coinMappingStore", "assetsToMap(${exchangeProperty." + SCOPE + "})")
                .choice()
                    .when(simple("${body.isEmpty()}")).setBody(constant(List.of()))
                    .otherwise().to("direct:coin-mapping-decide")
                .end()
                .bean("coinMappingStore", "apply(" + FundamentalRunDefinitions.RUN + ", ${body}, ${exchangeProperty." + SCOPE + "})")
                .setProperty("newCoins", body()));

        // The mapping run, then for coins mapped for the first time their metadata and first snapshot at once, each a
        // run of its own.
        from("direct:coin-mapping").routeId("coin-mapping").routeGroup("fundamental-data")
                .to("direct:coin-mapping-run")
                .setBody(exchangeProperty("newCoins"))
                .filter(simple("${body} != null && ${body.isEmpty()} == false"))
                    .to("direct:coin-metadata-fetch")
                    .bean("marketMetricsStore", "withoutSnapshots(${exchangeProperty.newCoins})")
                    .filter(simple("${body.isEmpty()} == false"))
                        .to("direct:market-metrics-collect")
                    .end()
                .end();

        // The decisions for a list of assets: one /coins/list (reused for list-max-age), then the market-cap rank of
        // every candidate of an ambiguous asset in pages. Failures go to coin-mapping-run, which reports the run.
        from("direct:coin-mapping-decide").routeId("coin-mapping-decide").routeGroup("fundamental-data")
                .errorHandler(noErrorHandler())
                .setProperty("assets", body())
                .bean("coinMapper", "cachedList")
                .filter(body().isNull())
                    .to("direct:coingecko-coins-list")
                    .bean("coinMapper", "remember")
                .end()
                .bean("coinMapper", "plan(${exchangeProperty.assets}, ${body})")
                .setProperty("plan", body())
                .bean("coinMapper", "idsToRank")
                .bean("coinGeckoResponses", "pages")
                .split(body()).stopOnException()
                    .to("direct:coingecko-markets")
                    .bean("coinMapper", "addRanks(${exchangeProperty.plan}, ${body})")
                .end()
                .bean("coinMapper", "decide(${exchangeProperty.plan})");
    }
}
