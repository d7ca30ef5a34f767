package io.coinwatch.core.messaging;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a message goes when it cannot be processed: a table (not a RabbitMQ dead-letter queue, which the embedded
 * broker refuses) that can be listed and replayed to the queue it came from.
 */
@Component("parkedMessages")
public class ParkedMessages {

    private static final Logger log = LoggerFactory.getLogger(ParkedMessages.class);

    /** A parked message as the admin API lists it. */
    public record Parked(long id, String queue, String routingKey, String payload, String reason, String errorClass,
                         long parkedAt, Long replayedAt) {
    }

    private final JdbcTemplate jdbc;
    private final IdempotentRepository processedEvents;
    private final RabbitTemplate rabbit;

    public ParkedMessages(JdbcTemplate jdbc, IdempotentRepository processedEvents, RabbitTemplate rabbit) {
        this.jdbc = jdbc;
        this.processedEvents = processedEvents;
        this.rabbit = rabbit;
    }

    /** Called by the consumers' error handler with the original message. */
    public void park(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String queue = exchange.getProperty(EventConsumerRouteBuilder.QUEUE_PROPERTY, String.class);
        String routingKey = exchange.getMessage().getHeader(SpringRabbitMQConstants.ROUTING_KEY, String.class);
        String payload = exchange.getMessage().getBody(String.class);
        String reason = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        jdbc.update("INSERT INTO parked_message (queue, routing_key, payload, reason, error_class) VALUES (?, ?, ?, ?, ?)",
                queue, routingKey, payload == null ? "" : payload, reason, cause == null ? null : cause.getClass().getName());
        // The id was recorded on arrival; forget it so a replay of this message is processed, not skipped.
        String key = exchange.getProperty(EventConsumerRouteBuilder.EVENT_KEY_PROPERTY, String.class);
        if (key != null) {
            processedEvents.remove(key);
        }
        log.warn("Parked a message from {} ({}): {}", queue, routingKey, reason);
    }

    public List<Parked> list(boolean includeReplayed, int limit) {
        return jdbc.query("""
                SELECT id, queue, routing_key, payload, reason, error_class, parked_at, replayed_at FROM parked_message
                WHERE ? OR replayed_at IS NULL ORDER BY id DESC LIMIT ?""",
                (rs, i) -> new Parked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).getTime(),
                        Optional.ofNullable(rs.getTimestamp(8)).map(Timestamp::getTime).orElse(null)),
                includeReplayed, limit);
    }

    public long countOpen() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM parked_message WHERE replayed_at IS NULL", Long.class);
        return n == null ? 0 : n;
    }

    /** Sends the original payload straight back to its queue (default exchange, queue name as routing key). */
    public Optional<Parked> replay(long id) {
        List<Parked> found = jdbc.query("SELECT id, queue, routing_key, payload, reason, error_class, parked_at, replayed_at "
                        + "FROM parked_message WHERE id = ? AND replayed_at IS NULL",
                (rs, i) -> new Parked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).getTime(), null), id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Parked parked = found.get(0);
        rabbit.invoke(t -> {
            t.convertAndSend("", parked.queue(), parked.payload());
            t.waitForConfirmsOrDie(5000);
            return null;
        });
        jdbc.update("UPDATE parked_message SET replayed_at = now() WHERE id = ?", id);
        log.info("Replayed parked message {} to {}", id, parked.queue());
        return Optional.of(parked);
    }
}
