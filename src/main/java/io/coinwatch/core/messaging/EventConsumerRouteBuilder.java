package io.coinwatch.core.messaging;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;

/**
 * Base of every route that consumes events: reads the role's durable queue, validates the envelope (the body
 * becomes an {@link EventEnvelope}), and lets each envelope id through once. Retries and parking come from the
 * {@link EventConsumerErrorHandling} route configuration.
 */
public abstract class EventConsumerRouteBuilder extends RouteBuilder {

    public static final String QUEUE_PROPERTY = "coinwatchQueue";
    public static final String EVENT_KEY_PROPERTY = "coinwatchEventKey";

    /**
     * The consumer part of a route; what follows runs once per envelope id and queue. The topology is declared by
     * {@link MessagingTopology}, so the endpoint declares nothing itself.
     */
    protected ProcessorDefinition<?> fromQueue(String queue, String routeId) {
        return fromQueue(queue, routeId, "{{coinwatch.messaging.consumer.concurrency:1}}");
    }

    /** As {@link #fromQueue(String, String)}, with that many messages processed in parallel (a placeholder or number). */
    protected ProcessorDefinition<?> fromQueue(String queue, String routeId, String concurrency) {
        return from("spring-rabbitmq:{{coinwatch.messaging.exchange}}?queues=" + queue
                // A message that could not even be parked (the database is away) goes back to its queue, not lost.
                + "&autoDeclare=false&acknowledgeMode=AUTO&rejectAndDontRequeue=false&concurrentConsumers=" + concurrency)
                .routeId(routeId)
                .routeGroup("messaging")
                .routeConfigurationId(EventConsumerErrorHandling.ID)
                .setProperty(QUEUE_PROPERTY, constant(queue))
                .convertBodyTo(String.class)
                .bean(EnvelopeCodec.class, "read")
                .setProperty(EVENT_KEY_PROPERTY, simple(queue + ":${body.id}"))
                .idempotentConsumer(exchangeProperty(EVENT_KEY_PROPERTY)).idempotentRepository("processedEvents");
    }
}
