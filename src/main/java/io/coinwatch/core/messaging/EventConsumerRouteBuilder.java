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
        return once(consume(queue, routeId, "&concurrentConsumers=" + concurrency), queue);
    }

    /**
     * As {@link #fromQueue(String, String)} for a work queue whose every message is a long job (a backfill): a
     * consumer takes one message at a time, so the replicas share the jobs instead of the first one prefetching all.
     */
    protected ProcessorDefinition<?> fromWorkQueue(String queue, String routeId, String concurrency) {
        return once(consume(queue, routeId, "&concurrentConsumers=" + concurrency + "&prefetchCount=1"), queue);
    }

    /**
     * The consumer part of a route on this process's own queue of a broadcast subscription ({@link BroadcastQueues}):
     * every replica sees every event. No idempotency record: what a broadcast consumer does (evict a cache) is harmless
     * twice, and a record per replica and event would only fill camel_messageprocessed.
     */
    protected ProcessorDefinition<?> fromBroadcast(BroadcastQueues broadcast, String subscription, String routeId) {
        return consume(broadcast.queueName(subscription), routeId, "");
    }

    private ProcessorDefinition<?> once(ProcessorDefinition<?> consumer, String queue) {
        return consumer.setProperty(EVENT_KEY_PROPERTY, simple(queue + ":${body.id}"))
                .idempotentConsumer(exchangeProperty(EVENT_KEY_PROPERTY)).idempotentRepository("processedEvents");
    }

    private ProcessorDefinition<?> consume(String queue, String routeId, String options) {
        return from("spring-rabbitmq:{{coinwatch.messaging.exchange}}?queues=" + queue
                // A message that could not even be parked (the database is away) goes back to its queue, not lost.
                + "&autoDeclare=false&acknowledgeMode=AUTO&rejectAndDontRequeue=false" + options)
                .routeId(routeId)
                .routeGroup("messaging")
                .routeConfigurationId(EventConsumerErrorHandling.ID)
                .setProperty(QUEUE_PROPERTY, constant(queue))
                .convertBodyTo(String.class)
                .bean(EnvelopeCodec.class, "read");
    }
}
