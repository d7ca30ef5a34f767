package io.coinwatch.core.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * coinwatch.messaging.*: the exchange, the queues with their routing-key bindings (config/application.yaml is the
 * broker definition), and the outbox and consumer retry settings. {@code queues} are work queues, one per role and
 * purpose, shared by the role's replicas (competing consumers); {@code broadcast} names the subscriptions every
 * replica of a role must see, each replica on a queue of its own ({@link BroadcastQueues}).
 */
@ConfigurationProperties("coinwatch.messaging")
public record MessagingProperties(String exchange, Map<String, List<String>> queues, Map<String, List<String>> broadcast,
                                  Outbox outbox, Consumer consumer) {

    public MessagingProperties {
        exchange = exchange == null ? "coinwatch.events" : exchange;
        queues = queues == null ? new LinkedHashMap<>() : queues;
        broadcast = broadcast == null ? new LinkedHashMap<>() : broadcast;
        outbox = outbox == null ? new Outbox(null, 0, null) : outbox;
        consumer = consumer == null ? new Consumer(0, null) : consumer;
    }

    /** How the outbox relay runs and when a backlog counts as the broker being unhealthy. */
    public record Outbox(Duration claimTimeout, int batchSize, Duration unhealthyAfter) {
        public Outbox {
            claimTimeout = claimTimeout == null ? Duration.ofSeconds(30) : claimTimeout;
            batchSize = batchSize <= 0 ? 500 : batchSize;
            unhealthyAfter = unhealthyAfter == null ? Duration.ofSeconds(30) : unhealthyAfter;
        }
    }

    /** Bounded retries before a message is parked. */
    public record Consumer(int maxRedeliveries, Duration redeliveryDelay) {
        public Consumer {
            maxRedeliveries = maxRedeliveries <= 0 ? 3 : maxRedeliveries;
            redeliveryDelay = redeliveryDelay == null ? Duration.ofMillis(500) : redeliveryDelay;
        }
    }
}
