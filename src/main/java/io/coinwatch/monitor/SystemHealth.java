package io.coinwatch.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.MessagingProperties;
import io.coinwatch.core.messaging.OutboxRelay;

/**
 * The health the API reports: database and broker probed live, the outbox backlog as the publishing health. The
 * overall status is DOWN when the database is down (nothing can be stored or served), DEGRADED when anything else is.
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

    public SystemHealth(JdbcTemplate jdbc, ConnectionFactory connectionFactory, OutboxRelay outbox, MessagingProperties messaging) {
        this.jdbc = jdbc;
        this.connectionFactory = connectionFactory;
        this.outbox = outbox;
        this.messaging = messaging;
    }

    public Report report() {
        Map<String, Component> components = new LinkedHashMap<>();
        Component database = database();
        components.put("database", database);
        components.put("broker", broker());
        if (database.status() == Status.UP) {
            components.put("outbox", outbox());
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
            return new Component(connection.isOpen() ? Status.UP : Status.DOWN, Map.of("exchange", messaging.exchange()));
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
