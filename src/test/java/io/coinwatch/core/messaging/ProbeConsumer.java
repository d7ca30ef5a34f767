package io.coinwatch.core.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestComponent;

/**
 * A test consumer on the test.probe queue: records what it processed, and fails every attempt for an event whose
 * data says {"poison": true}.
 */
@TestComponent
public class ProbeConsumer extends EventConsumerRouteBuilder {

    final List<EventEnvelope> processed = new CopyOnWriteArrayList<>();
    final AtomicInteger poisonAttempts = new AtomicInteger();

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
    }
}
