package io.coinwatch.core.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestComponent;

/**
 * A test consumer on the test.probe queue: records what it processed, and fails every attempt for an event whose
 * data says {"poison": true}. And one on the work queue test.hold, with more consumers than the RabbitMQ client has
 * dispatch threads by default (2 per core): each message is held until {@link #release} opens, as a backfill holds its
 * consumer's thread.
 */
@TestComponent
public class ProbeConsumer extends EventConsumerRouteBuilder {

    final List<EventEnvelope> processed = new CopyOnWriteArrayList<>();
    final AtomicInteger poisonAttempts = new AtomicInteger();
    static final int HOLDERS = 2 * Runtime.getRuntime().availableProcessors() + 2;
    final AtomicInteger holding = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void configure() {
        fromQueue("test.probe", "test-probe-consumer")
                .process(exchange -> {
                    EventEnvelope envelope = exchange.getMessage().getBody(EventEnvelope.class);
                    if (envelope.data().path("poison").asBoolean()) {
                        poisonAttempts.incrementAndGet();
                        throw new IllegalStateException("poison event " + envelope.data().path("n").asInt());
                    }
                    processed.add(envelope);
                });
        fromWorkQueue("test.hold", "test-hold-consumer", String.valueOf(HOLDERS))
                .process(exchange -> {
                    holding.incrementAndGet();
                    release.await(30, TimeUnit.SECONDS);
                });
    }
}
