package io.coinwatch.marketdata.stream;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.coinwatch.core.messaging.MessagingProperties;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.InstanceIdentity;
import io.coinwatch.core.roles.Role;

/** The stream's queue, declared (and re-declared after a reconnect) by Spring AMQP's RabbitAdmin. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.MARKET_DATA)
public class StreamConfiguration {

    @Bean
    StreamQueue streamQueue(StreamProperties properties, InstanceIdentity identity, MessagingProperties messaging) {
        return new StreamQueue(properties, identity, messaging);
    }

    @Bean
    Declarables streamQueueTopology(StreamQueue queue) {
        return queue.declarables();
    }
}
