package io.coinwatch.core.messaging;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.stereotype.Component;

/** Relays the outbox to the broker: each event is confirmed by the broker before its row is deleted. */
@Component
public class OutboxRelayRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:outbox-relay?delay=1000&period={{coinwatch.messaging.outbox.poll-period-ms:250}}")
                .routeId("outbox-relay")
                .routeGroup("messaging")
                .onException(Exception.class)
                    .handled(true)
                    .bean("outboxRelay", "publishFailed(${exception})")
                .end()
                .bean("outboxRelay", "claimBatch")
                .split(body()).stopOnException()
                    .setProperty("outboxId", simple("${body.id}"))
                    .setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, simple("${body.routingKey}"))
                    // AMQP properties, so a consumer can deduplicate and dispatch without parsing the body (routing key = type).
                    .setHeader(SpringRabbitMQConstants.CONTENT_TYPE, constant("application/json"))
                    .setHeader(SpringRabbitMQConstants.MESSAGE_ID, simple("${body.eventId}"))
                    .setHeader(SpringRabbitMQConstants.TYPE, simple("${body.routingKey}"))
                    .setHeader(SpringRabbitMQConstants.TIMESTAMP, simple("${body.createdAt}"))
                    .setBody(simple("${body.payload}"))
                    .to("spring-rabbitmq:{{coinwatch.messaging.exchange}}?exchangeType=topic&confirm=enabled"
                            + "&confirmTimeout={{coinwatch.messaging.outbox.confirm-timeout-ms:5000}}")
                    .bean("outboxRelay", "markSent(${exchangeProperty.outboxId})")
                .end();
    }
}
