package io.coinwatch.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ExchangeHealthSource.ExchangeState;
import io.coinwatch.core.health.HealthComponentSource;
import io.coinwatch.core.messaging.MessagingProperties;
import io.coinwatch.core.messaging.OutboxRelay;

/**
 * The health the API reports: database and broker probed live, the outbox backlog as the publishing health, every
 * process that reports its status, and every exchange as the processes see it. The overall status is DOWN when the
 * database is down (nothing can be stored or served), DEGRADED when anything else is.
 */
@Component("systemHealth")
public class SystemHealth {

    public enum Status { UP, DEGRADED, DOWN }

    /** One component's state and details. */
    public record Component(Status status, Map<String, Object> details) {
    }

    /** The whole answer of GET /system/health. */
    public record Report(Status status, Map<String, Component> components) {
    }

    private final JdbcTemplate jdbc;
    private final ConnectionFactory connectionFactory;
    private final OutboxRelay outbox;
    private final MessagingProperties messaging;
    private final InstanceDirectory instances;
    private final ExchangeStates exchanges;
    private final List<HealthComponentSource> componentSources;

    public SystemHealth(JdbcTemplate jdbc, ConnectionFactory connectionFactory, OutboxRelay outbox, MessagingProperties messaging,
                        InstanceDirectory instances, ExchangeStates exchanges, List<HealthComponentSource> componentSources) {
        this.jdbc = jdbc;
        this.connectionFactory = connectionFactory;
        this.outbox = outbox;
        this.messaging = messaging;
        this.instances = instances;
        this.exchanges = exchanges;
        this.componentSources = componentSources;
    }

    public Report report() {
        Map<String, Component> components = new LinkedHashMap<>();
        Component database = database();
        components.put("database", database);
        components.put("broker", broker());
        if (database.status() == Status.UP) {
            components.put("outbox", outbox());
            components.put("services", services());
            components.put("exchanges", exchanges());
        }
        for (HealthComponentSource source : componentSources) {
            components.put(source.componentName(), new Component(source.healthy() ? Status.UP : Status.DEGRADED, source.details()));
        }
        Status overall = database.status() == Status.DOWN ? Status.DOWN
                : components.values().stream().allMatch(c -> c.status() == Status.UP) ? Status.UP : Status.DEGRADED;
        return new Report(overall, components);
    }

    private Component database() {
        try {
            String version = jdbc.queryForObject("SELECT current_setting('server_version')", String.class);
            return new Component(Status.UP, Map.of("version", version));
        } catch (RuntimeException e) {
            return new Component(Status.DOWN, Map.of("error", rootMessage(e)));
        }
    }

    private Component broker() {
        try (Connection connection = connectionFactory.createConnection()) {
            // Opening a channel, not only asking isOpen(): a cached connection the broker dropped reconnects only then,
            // so without it health would report the broker down for good after one outage.
            RabbitUtils.closeChannel(connection.createChannel(false));
            return new Component(Status.UP, Map.of("exchange", messaging.exchange()));
        } catch (RuntimeException e) {
            return new Component(Status.DOWN, Map.of("error", rootMessage(e)));
        }
    }

    private Component outbox() {
        OutboxRelay.Backlog backlog = outbox.backlog();
        boolean stuck = backlog.oldestAge().compareTo(messaging.outbox().unhealthyAfter()) > 0;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pending", backlog.pending());
        details.put("oldestAgeMs", backlog.oldestAge().toMillis());
        if (backlog.lastError() != null) {
            details.put("lastError", backlog.lastError());
        }
        return new Component(stuck ? Status.DEGRADED : Status.UP, details);
    }

    /** DEGRADED while any process is silent; a process that announced its shutdown is not missed. */
    private Component services() {
        List<Map<String, Object>> list = new ArrayList<>();
        boolean silent = false;
        for (InstanceDirectory.Instance instance : instances.instances()) {
            silent |= instance.liveness() == InstanceDirectory.Liveness.SILENT;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("instanceId", instance.instanceId());
            entry.put("roles", instance.roles());
            entry.put("status", instance.liveness());
            entry.put("lastSeen", instance.lastSeen());
            list.add(entry);
        }
        return new Component(silent ? Status.DEGRADED : Status.UP, Map.of("instances", list));
    }

    /** DEGRADED while any process finds an exchange banned or its circuit open. */
    private Component exchanges() {
        Instant now = Instant.now();
        List<Map<String, Object>> list = new ArrayList<>();
        boolean unavailable = false;
        for (ExchangeStates.Entry entry : exchanges.current()) {
            ExchangeState state = entry.state();
            unavailable |= state.unavailable(now);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("exchange", state.exchange());
            e.put("instanceId", entry.instanceId());
            e.put("circuit", state.circuit());
            e.put("bannedUntil", state.bannedUntil() == null ? null : state.bannedUntil().toEpochMilli());
            e.put("lastError", state.lastError());
            e.put("available", !state.unavailable(now));
            list.add(e);
        }
        return new Component(unavailable ? Status.DEGRADED : Status.UP, Map.of("exchanges", list));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
