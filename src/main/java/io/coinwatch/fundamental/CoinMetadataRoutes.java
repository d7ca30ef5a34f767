package io.coinwatch.fundamental;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * coin-metadata: weekly, CoinGecko's /coins/{id} for every collected coin (and, through direct:coin-metadata-fetch,
 * at once for coins mapped for the first time). One call per coin at CoinGecko's per-minute budget; a coin that fails
 * is reported and retried next time without stopping the others; a used-up monthly budget stops the run.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class CoinMetadataRoutes extends RouteBuilder {

    @Override
    public void configure() {
        FundamentalRunDefinitions.forCollectedCoins(this, "coin-metadata", "coinwatch.fundamental.metadata.cron", "direct:coin-metadata-fetch");

        FundamentalRunDefinitions.define(this, "direct:coin-metadata-fetch", "coin-metadata-fetch", "metadata", "coingecko", run -> run
                .split(body()).stopOnException()
                    .setProperty("coinId", body())
                    .doTry()
                        .to("direct:coingecko-coin")
                        .bean("coinMetadataStore", "save(" + FundamentalRunDefinitions.RUN + ", ${body})")
                    .doCatch(Exception.class).onWhen(method("fundamentalRuns", "skippable(${exception})"))
                        .bean("fundamentalRuns", "itemFailed(" + FundamentalRunDefinitions.RUN + ", ${exchangeProperty.coinId}, ${exception})")
                    .end()
                .end());
    }
}
