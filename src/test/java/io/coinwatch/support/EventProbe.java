package io.coinwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.MessagingProperties;

/**
 * A queue of the test run bound to '#' on coinwatch.events: every event the app publishes during the tests is checked
 * against the AsyncAPI document ({@link EventContract}) as it arrives. The pipeline tests clear it before each test and
 * assert after it that every event they caused kept the contract; the event types seen so far are kept for the run.
 */
@Component
@Profile("test")
public class EventProbe implements SmartInitializingSingleton, DisposableBean {

    private final AmqpAdmin admin;
    private final ConnectionFactory connections;
    private final MessagingProperties messaging;
    private final EventContract contract = new EventContract();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<String> typesValid = ConcurrentHashMap.newKeySet();
    private SimpleMessageListenerContainer container;

    EventProbe(AmqpAdmin admin, ConnectionFactory connections, MessagingProperties messaging) {
        this.admin = admin;
        this.connections = connections;
        this.messaging = messaging;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // Exclusive and auto-deleted, without arguments: Spring's AnonymousQueue sets one the embedded broker refuses.
        Queue queue = new Queue("test.events-" + UUID.randomUUID(), false, true, true);
        TopicExchange exchange = new TopicExchange(messaging.exchange(), true, false);
        admin.declareExchange(exchange);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("#"));
        container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue.getName());
        container.setMessageListener(this::check);
        container.start();
    }

    private void check(Message message) {
        String type = message.getMessageProperties().getReceivedRoutingKey();
        received.add(type);
        List<String> problems;
        try {
            problems = contract.violations(message);
        } catch (RuntimeException e) {
            problems = List.of(type + ": not checkable: " + e);
        }
        if (problems.isEmpty()) {
            typesValid.add(type);
        } else {
            violations.addAll(problems);
        }
    }

    public void clear() {
        violations.clear();
        received.clear();
    }

    /** The event types received since the last clear, in arrival order. */
    public List<String> received() {
        return new ArrayList<>(received);
    }

    /** Every event received since the last clear kept the AsyncAPI contract. */
    public void assertAllKeptTheContract() {
        assertThat(violations).as("events off the AsyncAPI document").isEmpty();
    }

    /** The event types that arrived in this run, each at least once valid. */
    public Set<String> typesSeenValid() {
        return new TreeSet<>(typesValid);
    }

    public Map<String, Set<String>> coverage() {
        Set<String> missing = new TreeSet<>(contract.types());
        missing.removeAll(typesValid);
        return Map.of("valid", typesSeenValid(), "notSeen", missing);
    }

    @Override
    public void destroy() {
        if (container != null) {
            container.stop();
        }
    }
}
