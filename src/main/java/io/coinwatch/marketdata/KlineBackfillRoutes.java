package io.coinwatch.marketdata;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventConsumerRouteBuilder;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * kline-backfill: on symbol.added and market.backfill.requested, fetch a symbol's history page by page, in parallel
 * on the shared fetch pool (bounded in-flight requests, one rate budget per exchange), each page validated and
 * stored, progress persisted after each. A page that still fails after its retries fails the run: the progress
 * keeps the resume point, the event is redelivered and finally parked, and backfill-resume picks it up again.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class KlineBackfillRoutes extends EventConsumerRouteBuilder {

    @Override
    public void configure() {
        fromWorkQueue("market-data.backfill", "kline-backfill-consumer", "{{coinwatch.market-data.backfill.concurrent-symbols}}")
                .to("direct:kline-backfill");

        // No error handler of its own: a failure must reach the consumer's (EventConsumerErrorHandling), which parks an
        // invalid event at once and retries then parks the rest. With the default one here the consumer saw the failure
        // as handled already, and the broker redelivered the message until Spring AMQP dropped it.
        from("direct:kline-backfill").routeId("kline-backfill").routeGroup("market-data")
                .errorHandler(noErrorHandler())
                .bean("klineBackfill", "plan")
                .setProperty("plan", body())
                .doTry()
                    .split(simple("${body.pages}")).parallelProcessing().executorService("klineFetchPool").stopOnException()
                        .toD("direct:${body.exchange}-kline-page")
                        .bean("klineBackfill", "pageDone(${exchangeProperty.plan}, ${body})")
                    .end()
                    .bean("klineBackfill", "finish(${exchangeProperty.plan})")
                .endDoTry()
                .doCatch(Exception.class)
                    .bean("klineBackfill", "failed(${exchangeProperty.plan}, ${exception})")
                    .process(KlineBackfillRoutes::rethrow)
                .end();

        // Twice after start: at once for failed runs, and once runs a killed predecessor left "running" have gone stale.
        from("timer:backfill-resume-startup?repeatCount=2&delay={{coinwatch.market-data.backfill.resume-delay-ms}}"
                + "&period={{coinwatch.market-data.backfill.stale-after}}")
                .routeId("backfill-resume-startup").routeGroup("market-data")
                .routeConfigurationId(CollectionRunErrorHandling.ID)
                .autoStartup("{{coinwatch.market-data.discovery.on-startup}}")
                .bean("klineBackfill", "resumeUnfinished");

        from("quartz:market-data/backfill-resume?cron={{coinwatch.market-data.backfill.resume-cron}}")
                .routeId("backfill-resume").routeGroup("market-data")
                .routeConfigurationId(CollectionRunErrorHandling.ID)
                .bean("klineBackfill", "resumeUnfinished");
    }

    private static void rethrow(Exchange exchange) throws Exception {
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }
}
