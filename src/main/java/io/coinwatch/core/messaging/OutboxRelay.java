package io.coinwatch.core.messaging;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Claims pending outbox rows for the outbox-relay route and settles them. A claim expires, so rows claimed by a
 * process that died are sent by another; SKIP LOCKED lets replicas relay side by side.
 */
@Component("outboxRelay")
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** One pending event as the relay route sends it: eventId and createdAt become its AMQP message-id and timestamp. */
    public record OutboxMessage(long id, String eventId, String routingKey, String payload, Date createdAt) {
    }

    /** Pending events and the age of the oldest, for health and metrics. */
    public record Backlog(long pending, Duration oldestAge, String lastError) {
    }

    private final JdbcTemplate jdbc;
    private final MessagingProperties properties;
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public OutboxRelay(JdbcTemplate jdbc, MessagingProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public List<OutboxMessage> claimBatch() {
        Timestamp until = Timestamp.from(Instant.now().plus(properties.outbox().claimTimeout()));
        return jdbc.query("""
                UPDATE event_outbox SET claimed_until = ?, attempts = attempts + 1
                WHERE id IN (SELECT id FROM event_outbox
                             WHERE claimed_until IS NULL OR claimed_until < now()
                             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, event_id, routing_key, payload, created_at""",
                (rs, i) -> new OutboxMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5)),
                until, properties.outbox().batchSize())
                .stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    public void markSent(long id) {
        jdbc.update("DELETE FROM event_outbox WHERE id = ?", id);
        if (lastError.getAndSet(null) != null) {
            log.info("Event publishing recovered: the broker confirms again");
        }
    }

    /** Releases every claim so the next poll retries at once, and remembers why publishing failed. */
    public void publishFailed(Exception cause) {
        try {
            jdbc.update("UPDATE event_outbox SET claimed_until = NULL, last_error = ? WHERE claimed_until IS NOT NULL",
                    cause.getMessage());
        } catch (DataAccessException databaseAway) {
            // The failure was the database's own (no batch could be claimed); the claims expire by themselves.
        }
        String previous = lastError.getAndSet(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        if (previous == null) {
            log.warn("Event publishing failed, events stay in the outbox and will be retried: {}", cause.getMessage());
        }
    }

    public Backlog backlog() {
        return jdbc.queryForObject("SELECT count(*), min(created_at) FROM event_outbox", (rs, i) -> {
            Timestamp oldest = rs.getTimestamp(2);
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now());
            return new Backlog(rs.getLong(1), age, lastError.get());
        });
    }
}
