package io.coinwatch.marketdata.stream;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EnvelopeCodec;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * market-stream-updates: this process's own market.updated queue feeds its streams; market-stream-heartbeat keeps
 * them open. A failed update is logged and dropped: a stream that missed it catches up with the next one for that
 * symbol, or with its Last-Event-ID.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class MarketStreamRoutes extends RouteBuilder {

    private final StreamQueue queue;

    public MarketStreamRoutes(StreamQueue queue) {
        this.queue = queue;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, "Stream update not delivered: ${exception.message}");

        from("spring-rabbitmq:{{coinwatch.messaging.exchange}}?queues=" + queue.name()
                + "&autoDeclare=false&acknowledgeMode=AUTO&concurrentConsumers=1")
                .routeId("market-stream-updates").routeGroup("market-data")
                .convertBodyTo(String.class)
                .bean(EnvelopeCodec.class, "read")
                .bean(MarketStream.class, "onMarketUpdated");

        from("timer:market-stream-heartbeat?period={{coinwatch.gateway.stream.heartbeat:15s}}")
                .routeId("market-stream-heartbeat").routeGroup("market-data")
                .bean(MarketStream.class, "heartbeat");
    }
}
