package io.coinwatch.core.health;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitUtils;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.MessagingProperties;

/** The broker, probed by opening a channel. */
@Component("brokerHealthIndicator")
public class BrokerHealth extends ComponentHealth {

    private final ConnectionFactory connectionFactory;
    private final MessagingProperties messaging;

    public BrokerHealth(ConnectionFactory connectionFactory, MessagingProperties messaging) {
        this.connectionFactory = connectionFactory;
        this.messaging = messaging;
    }

    @Override
    protected Health check() {
        try (Connection connection = connectionFactory.createConnection()) {
            // Opening a channel, not only asking isOpen(): a cached connection the broker dropped reconnects only then,
            // so without it health would report the broker down for good after one outage.
            RabbitUtils.closeChannel(connection.createChannel(false));
            return Health.up().withDetail("exchange", messaging.exchange()).build();
        }
    }
}
