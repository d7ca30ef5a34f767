package io.coinwatch.core.messaging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the topic exchange and every role's durable queue at start, whatever roles this process runs, so events
 * wait for a role that starts later; and this process's own broadcast queues (auto-delete, only for the roles it
 * runs, since a queue that never had a consumer is never auto-deleted). Spring's RabbitAdmin re-declares them after a
 * reconnect. Queues carry no RabbitMQ-only arguments, so the same topology works on the embedded Qpid broker.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingTopology {

    @Bean
    Declarables coinwatchTopology(MessagingProperties properties, BroadcastQueues broadcast) {
        TopicExchange exchange = new TopicExchange(properties.exchange(), true, false);
        List<Declarable> declarables = new ArrayList<>();
        declarables.add(exchange);
        properties.queues().forEach((name, keys) -> bind(declarables, new Queue(name, true, false, false), exchange, keys));
        broadcast.declared().forEach((name, keys) -> bind(declarables, new Queue(name, false, false, true), exchange, keys));
        return new Declarables(declarables);
    }

    private static void bind(List<Declarable> declarables, Queue queue, TopicExchange exchange, List<String> routingKeys) {
        declarables.add(queue);
        for (String key : routingKeys) {
            Binding binding = BindingBuilder.bind(queue).to(exchange).with(key);
            declarables.add(binding);
        }
    }
}
