package io.coinwatch.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.messaging.ParkedMessages;
import io.coinwatch.monitor.AlertBook.Condition;

/**
 * Checks every alert condition against coinwatch.monitor.alerts.* and hands the result to the AlertBook, which raises
 * and resolves. A check that cannot run (the broker is down, say) leaves its alerts as they are: not knowing is not
 * the condition clearing.
 */
@Component("alertEvaluator")
public class AlertEvaluator {

    public static final String ROLE_SILENT = "role-silent";
    public static final String ERROR_RATE = "error-rate";
    public static final String EXCHANGE_UNAVAILABLE = "exchange-unavailable";
    public static final String QUEUE_BACKLOG = "queue-backlog";
    public static final String PARKED_MESSAGES = "parked-messages";
    public static final String STALE_GAPS = "stale-gaps";
    public static final String DATABASE_SIZE = "database-size";

    private static final long MB = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertBook book;
    private final InstanceDirectory instances;
    private final MonitorStore store;
    private final ExchangeStates exchanges;
    private final QueueDepths queues;
    private final ParkedMessages parked;
    private final OpenGaps gaps;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MonitorProperties.Alerts thresholds;
    private final Map<String, Supplier<List<Condition>>> checks = new LinkedHashMap<>();

    public AlertEvaluator(AlertBook book, InstanceDirectory instances, MonitorStore store, ExchangeStates exchanges,
                          QueueDepths queues, ParkedMessages parked, OpenGaps gaps, JdbcTemplate jdbc, MonitorProperties properties,
                          Clock clock) {
        this.book = book;
        this.instances = instances;
        this.store = store;
        this.exchanges = exchanges;
        this.queues = queues;
        this.parked = parked;
        this.gaps = gaps;
        this.jdbc = jdbc;
        this.clock = clock;
        this.thresholds = properties.alerts();
        checks.put(ROLE_SILENT, this::silentInstances);
        checks.put(ERROR_RATE, this::errorRate);
        checks.put(EXCHANGE_UNAVAILABLE, this::unavailableExchanges);
        checks.put(QUEUE_BACKLOG, this::queueBacklogs);
        checks.put(PARKED_MESSAGES, this::parkedMessages);
        checks.put(STALE_GAPS, this::staleGaps);
        checks.put(DATABASE_SIZE, this::databaseSize);
    }

    /** Called by the alert-evaluation route. */
    public void evaluate() {
        checks.forEach((kind, check) -> {
            List<Condition> conditions;
            try {
                conditions = check.get();
            } catch (RuntimeException e) {
                log.warn("Alert check {} could not run, its alerts stay as they are: {}", kind, e.getMessage());
                return;
            }
            book.reconcile(kind, conditions);
        });
    }

    private List<Condition> silentInstances() {
        return instances.instances().stream().filter(i -> i.liveness() == InstanceDirectory.Liveness.SILENT)
                .map(i -> new Condition(i.instanceId(),
                        String.join("+", i.roles()) + " instance " + i.instanceId() + " has sent no status for "
                                + i.lastSeenAgoMs() / 1000 + " s (it reports every " + i.statusIntervalMs() / 1000.0 + " s)",
                        details("roles", i.roles(), "lastSeen", i.lastSeen(), "statusIntervalMs", i.statusIntervalMs())))
                .toList();
    }

    private List<Condition> errorRate() {
        long lastMinute = store.countSince(EventTypes.SYSTEM_ERROR, Duration.ofMinutes(1));
        if (lastMinute <= thresholds.errorsPerMinute()) {
            return List.of();
        }
        return List.of(new Condition("pipeline",
                lastMinute + " errors in the last minute (threshold " + thresholds.errorsPerMinute() + ")",
                details("errorsLastMinute", lastMinute, "threshold", thresholds.errorsPerMinute(),
                        "byRoute", store.errorsByRoute(Duration.ofMinutes(1)))));
    }

    private List<Condition> unavailableExchanges() {
        Instant now = clock.instant();
        return exchanges.current().stream().filter(e -> e.state().unavailable(now)).map(e -> {
            String why = e.state().bannedUntil() != null && e.state().bannedUntil().isAfter(now)
                    ? "banned until " + e.state().bannedUntil() : "circuit " + e.state().circuit();
            return new Condition(e.state().exchange() + "@" + e.instanceId(), e.state().exchange() + " unavailable to "
                    + e.instanceId() + ": " + why, details("circuit", String.valueOf(e.state().circuit()),
                    "bannedUntil", e.state().bannedUntil() == null ? null : e.state().bannedUntil().toEpochMilli(),
                    "lastError", e.state().lastError()));
        }).toList();
    }

    private List<Condition> queueBacklogs() {
        List<Condition> conditions = new ArrayList<>();
        queues.depths().forEach((queue, depth) -> {
            if (depth.messages() > thresholds.queueBacklog()) {
                conditions.add(new Condition(queue, queue + " holds " + depth.messages() + " messages (threshold "
                        + thresholds.queueBacklog() + ")", details("messages", depth.messages(), "consumers", depth.consumers())));
            }
        });
        return conditions;
    }

    private List<Condition> parkedMessages() {
        long open = parked.countOpen();
        return open == 0 ? List.of() : List.of(new Condition("parked", open
                + " parked messages wait for a replay (GET /api/v1/system/parked)", details("parked", open)));
    }

    private List<Condition> staleGaps() {
        OpenGaps.Summary summary = gaps.summary()
                .orElseThrow(() -> new IllegalStateException("no live market-data process reports its open gaps"));
        Long oldest = summary.oldestDetectedAt();
        if (oldest == null || oldest > clock.millis() - thresholds.gapAge().toMillis()) {
            return List.of();
        }
        return List.of(new Condition("candle-gaps", summary.open() + " candle gaps open, the oldest for longer than "
                + thresholds.gapAge(), details("open", summary.open(), "oldestDetectedAt", oldest)));
    }

    private List<Condition> databaseSize() {
        Map<String, Object> size = jdbc.queryForMap("SELECT current_database() AS name, pg_database_size(current_database()) AS bytes");
        String database = (String) size.get("name");
        long bytes = ((Number) size.get("bytes")).longValue();
        long limit = thresholds.databaseSizeLimit().toBytes();
        return bytes <= limit ? List.of() : List.of(new Condition(database, "database " + database + " uses " + bytes / MB
                + " MB, over the limit of " + limit / MB + " MB", details("bytes", bytes, "limitBytes", limit)));
    }

    /** Pairs of key and value, in order; values may be null (Map.of refuses them). */
    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            details.put((String) pairs[i], pairs[i + 1]);
        }
        return details;
    }
}
