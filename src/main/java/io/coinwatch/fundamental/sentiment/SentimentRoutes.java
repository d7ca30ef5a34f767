package io.coinwatch.fundamental.sentiment;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.FundamentalRunDefinitions;

/**
 * sentiment: daily, every configured source reads every collected coin that has a handle there, through the source's
 * own route direct:sentiment-&lt;source&gt;; each reading is stored as history. A coin that fails is reported and
 * the run goes on.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class SentimentRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("quartz:fundamental-data/sentiment?cron={{coinwatch.fundamental.sentiment.cron}}")
                .routeId("sentiment-schedule").routeGroup("fundamental-data")
                .to("direct:sentiment");

        FundamentalRunDefinitions.define(this, "direct:sentiment", "sentiment", "sentiment", "social", run -> run
                .bean("sentimentCollector", "requests")
                .split(body()).stopOnException()
                    .setProperty("sentimentRequest", body())
                    .doTry()
                        .toD("direct:sentiment-${body.source}")
                        .bean("sentimentStore", "save(" + FundamentalRunDefinitions.RUN + ", ${exchangeProperty.sentimentRequest}, ${body})")
                    .doCatch(Exception.class)
                        .bean("fundamentalRuns", "itemFailed(" + FundamentalRunDefinitions.RUN + ", ${exchangeProperty.sentimentRequest.label}, ${exception})")
                    .end()
                .end());
    }
}
