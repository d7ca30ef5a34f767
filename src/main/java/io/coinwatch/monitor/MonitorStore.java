package io.coinwatch.monitor;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.coinwatch.core.messaging.EventEnvelope;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.persistence.JsonColumns;

/**
 * The monitor's storage: every consumed event, the latest status per process, and what the API and the alerts read
 * back from them. Writes are idempotent on the envelope id, so a redelivered event is stored once.
 */
@Component("monitorStore")
public class MonitorStore {

    private static final Logger log = LoggerFactory.getLogger(MonitorStore.class);

    /** The latest status of one process; ageMs is measured on the database clock, as received_at was. */
    public record InstanceRow(String instanceId, String source, long lastSeen, long ageMs, JsonNode status) {
    }

    /** One status as stored, for rates over time: at is when the publisher took it. */
    public record StatusSample(String instanceId, long at, JsonNode status) {
    }

    /** One system.error as the API lists it. */
    public record ErrorEvent(long receivedAt, String instanceId, String route, String exchange, String symbol,
                             String exception, String message) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonColumns json;
    private final MonitorProperties properties;

    public MonitorStore(JdbcTemplate jdbc, TransactionTemplate tx, JsonColumns json, MonitorProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.properties = properties;
    }

    /** Called by the monitor-events route with a validated envelope. */
    public void store(EventEnvelope event) {
        boolean status = EventTypes.SYSTEM_STATUS.equals(event.type());
        String instanceId = status ? event.text("instanceId") : event.text("instanceId", null);
        String data = json.write(event.data());
        tx.executeWithoutResult(t -> {
            int inserted = jdbc.update("""
                    INSERT INTO monitor_event (event_id, type, source, instance_id, occurred_at, data)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (event_id) DO NOTHING""",
                    event.id(), event.type(), event.source(), instanceId, Timestamp.from(event.occurredAt()), data);
            if (status && inserted == 1) {
                // A status delayed behind a newer one (redelivery after a broker outage) must not replace it.
                jdbc.update("""
                        INSERT INTO monitor_instance (instance_id, source, occurred_at, status) VALUES (?, ?, ?, ?::jsonb)
                        ON CONFLICT (instance_id) DO UPDATE
                        SET source = EXCLUDED.source, occurred_at = EXCLUDED.occurred_at, status = EXCLUDED.status, last_seen = now()
                        WHERE monitor_instance.occurred_at < EXCLUDED.occurred_at""",
                        instanceId, event.source(), Timestamp.from(event.occurredAt()), data);
            }
        });
    }

    /** Called by the monitor-retention route: events and processes not heard of within the retention go. */
    public void expire() {
        Duration retention = properties.retention();
        double seconds = retention.toMillis() / 1000.0;
        int events = jdbc.update("DELETE FROM monitor_event WHERE received_at < now() - make_interval(secs => ?)", seconds);
        int instances = jdbc.update("DELETE FROM monitor_instance WHERE last_seen < now() - make_interval(secs => ?)", seconds);
        if (events + instances > 0) {
            log.info("Monitor retention: deleted {} events and {} silent instances older than {}", events, instances, retention);
        }
    }

    public List<InstanceRow> instances() {
        return jdbc.query("""
                SELECT instance_id, source, last_seen, (extract(epoch FROM now() - last_seen) * 1000)::bigint, status
                FROM monitor_instance ORDER BY instance_id""",
                (rs, i) -> new InstanceRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime(), rs.getLong(4),
                        json.read(rs.getString(5))));
    }

    /** Status history of the processes that reported within the window, oldest first. */
    public List<StatusSample> statusSamples(Duration window) {
        return jdbc.query("""
                SELECT instance_id, occurred_at, data FROM monitor_event
                WHERE type = 'system.status' AND received_at > now() - make_interval(secs => ?)
                ORDER BY instance_id, occurred_at""",
                (rs, i) -> new StatusSample(rs.getString(1), rs.getTimestamp(2).getTime(), json.read(rs.getString(3))),
                window.toMillis() / 1000.0);
    }

    public long countSince(String type, Duration window) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM monitor_event WHERE type = ? AND received_at > now() - make_interval(secs => ?)",
                Long.class, type, window.toMillis() / 1000.0);
        return n == null ? 0 : n;
    }

    /** Events per type within the window: what the pipeline has been saying lately. */
    public Map<String, Long> countsByType(Duration window) {
        return counts("SELECT type, count(*) FROM monitor_event WHERE received_at > now() - make_interval(secs => ?) GROUP BY type ORDER BY type",
                window);
    }

    public Map<String, Long> errorsByRoute(Duration window) {
        return counts("""
                SELECT coalesce(data->>'route', 'none'), count(*) FROM monitor_event
                WHERE type = 'system.error' AND received_at > now() - make_interval(secs => ?)
                GROUP BY 1 ORDER BY 2 DESC, 1""", window);
    }

    public List<ErrorEvent> recentErrors(int limit) {
        return jdbc.query("""
                SELECT received_at, instance_id, data->>'route', data->>'exchange', data->>'symbol', data->>'exception', data->>'message'
                FROM monitor_event WHERE type = 'system.error' ORDER BY received_at DESC, id DESC LIMIT ?""",
                (rs, i) -> new ErrorEvent(rs.getTimestamp(1).getTime(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), limit);
    }

    private Map<String, Long> counts(String sql, Duration window) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query(sql, (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)), window.toMillis() / 1000.0);
        return counts;
    }
}
