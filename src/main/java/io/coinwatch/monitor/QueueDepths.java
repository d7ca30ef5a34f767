package io.coinwatch.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.MessagingProperties;

/** Messages waiting and consumers attached, per queue of the topology, asked from the broker. */
@Component
public class QueueDepths {

    public record Depth(long messages, long consumers) {
    }

    private final AmqpAdmin admin;
    private final MessagingProperties messaging;

    public QueueDepths(AmqpAdmin admin, MessagingProperties messaging) {
        this.admin = admin;
        this.messaging = messaging;
    }

    /** Throws Spring AMQP's AmqpException when the broker cannot be asked; a queue the broker does not know is left out. */
    public Map<String, Depth> depths() {
        Map<String, Depth> depths = new LinkedHashMap<>();
        for (String queue : messaging.queues().keySet()) {
            Properties p = admin.getQueueProperties(queue);
            if (p != null) {
                depths.put(queue, new Depth(number(p.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)), number(p.get(RabbitAdmin.QUEUE_CONSUMER_COUNT))));
            }
        }
        return depths;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
