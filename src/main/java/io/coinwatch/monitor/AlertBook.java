package io.coinwatch.monitor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.persistence.JsonColumns;

/**
 * The alerts: raised when a condition appears, resolved when it clears, and each change published as system.alert in
 * the same transaction (through the outbox), so what the table says and what was announced never differ. The
 * database allows one open alert per kind and subject, which keeps replicas that evaluate at once from doubling it.
 */
@Component("alertBook")
public class AlertBook {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    private static final Logger log = LoggerFactory.getLogger(AlertBook.class);

    /** A condition that should have an open alert: subject names what it is about (an instance, a queue, ...). */
    public record Condition(String subject, String message, Map<String, Object> details) {
    }

    /** An alert as the API lists it and system.alert announces it; times in epoch ms. */
    public record Alert(long id, String kind, String subject, String status, String message, JsonNode details,
                        long raisedAt, Long resolvedAt) {
    }

    private static final String COLUMNS = "id, kind, subject, message, details, raised_at, resolved_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventOutbox outbox;
    private final JsonColumns json;
    private final MonitorProperties properties;

    public AlertBook(JdbcTemplate jdbc, TransactionTemplate tx, EventOutbox outbox, JsonColumns json, MonitorProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.json = json;
        this.properties = properties;
    }

    /** Brings the open alerts of one kind in line with the conditions that hold now. */
    public void reconcile(String kind, List<Condition> conditions) {
        tx.executeWithoutResult(t -> {
            Map<String, Alert> open = jdbc.query("SELECT " + COLUMNS + " FROM monitor_alert WHERE kind = ? AND resolved_at IS NULL",
                    this::alert, kind).stream().collect(Collectors.toMap(Alert::subject, Function.identity()));
            for (Condition condition : conditions) {
                Alert existing = open.remove(condition.subject());
                if (existing == null) {
                    raise(kind, condition).ifPresent(this::announce);
                } else {
                    // Still holds: keep its numbers current without announcing it again.
                    jdbc.update("UPDATE monitor_alert SET message = ?, details = ?::jsonb WHERE id = ?",
                            condition.message(), json.write(condition.details()), existing.id());
                }
            }
            open.values().forEach(alert -> resolve(alert.id()).ifPresent(this::announce));
        });
    }

    /** Open alerts first, then resolved ones, newest first; status null lists both. */
    public List<Alert> list(String status) {
        String where = status == null ? "" : OPEN.equals(status) ? "WHERE resolved_at IS NULL" : "WHERE resolved_at IS NOT NULL";
        return jdbc.query("SELECT " + COLUMNS + " FROM monitor_alert " + where
                + " ORDER BY resolved_at IS NOT NULL, coalesce(resolved_at, raised_at) DESC, id DESC LIMIT 500", this::alert);
    }

    /** Resolved alerts older than the retention go; open ones stay however old they are. */
    public void expire() {
        Duration retention = properties.retention();
        int deleted = jdbc.update("DELETE FROM monitor_alert WHERE resolved_at < now() - make_interval(secs => ?)",
                retention.toMillis() / 1000.0);
        if (deleted > 0) {
            log.info("Monitor retention: deleted {} resolved alerts older than {}", deleted, retention);
        }
    }

    private Optional<Alert> raise(String kind, Condition condition) {
        return jdbc.query("""
                INSERT INTO monitor_alert (kind, subject, message, details) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (kind, subject) WHERE resolved_at IS NULL DO NOTHING
                RETURNING""" + " " + COLUMNS, this::alert, kind, condition.subject(), condition.message(), json.write(condition.details()))
                .stream().findFirst();
    }

    private Optional<Alert> resolve(long id) {
        return jdbc.query("UPDATE monitor_alert SET resolved_at = now() WHERE id = ? AND resolved_at IS NULL RETURNING " + COLUMNS,
                this::alert, id).stream().findFirst();
    }

    private void announce(Alert alert) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", alert.id());
        data.put("kind", alert.kind());
        data.put("subject", alert.subject());
        data.put("status", alert.status());
        data.put("message", alert.message());
        data.put("details", alert.details());
        data.put("raisedAt", alert.raisedAt());
        data.put("resolvedAt", alert.resolvedAt());
        outbox.publish(EventTypes.SYSTEM_ALERT, data);
        if (OPEN.equals(alert.status())) {
            log.warn("Alert raised: {} {}: {}", alert.kind(), alert.subject(), alert.message());
        } else {
            log.info("Alert resolved: {} {}", alert.kind(), alert.subject());
        }
    }

    private Alert alert(ResultSet rs, int row) throws SQLException {
        Timestamp resolved = rs.getTimestamp(7);
        return new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), resolved == null ? OPEN : RESOLVED, rs.getString(4),
                json.read(rs.getString(5)), rs.getTimestamp(6).getTime(), resolved == null ? null : resolved.getTime());
    }
}
