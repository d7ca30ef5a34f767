package io.coinwatch.marketdata.stream;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.messaging.MessagingProperties;
import io.coinwatch.core.roles.InstanceIdentity;

/**
 * This process's market.updated queue: every replica streams every update, so each has a queue of its own,
 * exclusive to its connection and deleted with it (a stream resumes from the database, not from the queue).
 */
public class StreamQueue {

    private final String name;
    private final Declarables declarables;

    public StreamQueue(StreamProperties properties, InstanceIdentity identity, MessagingProperties messaging) {
        this.name = properties.queuePrefix() + "." + identity.instanceId();
        Queue queue = new Queue(name, false, true, true);
        TopicExchange exchange = new TopicExchange(messaging.exchange(), true, false);
        this.declarables = new Declarables(queue, BindingBuilder.bind(queue).to(exchange).with(EventTypes.MARKET_UPDATED));
    }

    public String name() {
        return name;
    }

    Declarables declarables() {
        return declarables;
    }
}
