package io.coinwatch.support;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.MessagingProperties;

/**
 * The machine's RabbitMQ outlives test runs: empty our durable queues once per run, before the consumers start,
 * so no message of an earlier run reaches this one's fresh database.
 */
@Component
@Profile("test")
class StaleMessagePurge implements SmartInitializingSingleton {

    private static boolean purged;

    private final AmqpAdmin admin;
    private final MessagingProperties messaging;

    StaleMessagePurge(AmqpAdmin admin, MessagingProperties messaging) {
        this.admin = admin;
        this.messaging = messaging;
    }

    @Override
    public void afterSingletonsInstantiated() {
        synchronized (StaleMessagePurge.class) {
            if (purged) {
                return;
            }
            purged = true;
        }
        if (admin instanceof RabbitAdmin rabbitAdmin) {
            rabbitAdmin.initialize(); // declare first: a queue is purged only if it exists
        }
        messaging.queues().keySet().forEach(queue -> admin.purgeQueue(queue, false));
    }
}
