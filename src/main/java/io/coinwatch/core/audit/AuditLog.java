package io.coinwatch.core.audit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.security.Caller;

/**
 * The audit trail of write operations: who (login), from where (client address), what (operation and target) and how
 * it ended, stored in audit_log and published as system.audit. Every write operation calls {@link #record}: backfill
 * requests, parked-message replays, and whatever write is added (symbol pin/drop, legacy import).
 */
@Component("auditLog")
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_OUTCOME = 300;

    /** One entry as GET /system/audit lists it; time in epoch ms. */
    public record Entry(long id, long time, String user, String client, String operation, String target, String outcome) {
    }

    private final JdbcTemplate jdbc;
    private final EventOutbox outbox;
    private final TransactionTemplate ownTransaction;
    private final Duration retention;

    public AuditLog(JdbcTemplate jdbc, EventOutbox outbox, PlatformTransactionManager transactions,
                    @Value("${coinwatch.security.audit.retention:90d}") Duration retention) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.retention = retention;
        // An operation that fails inside a transaction that rolls back must still leave its entry.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Runs a write operation and records it with its outcome: "succeeded", or "failed: " and the failure's message.
     * The failure is rethrown unchanged, so the caller's error handling answers as before.
     */
    public <T> T record(Caller caller, String operation, String target, Supplier<T> action) {
        try {
            T result = action.get();
            write(caller, operation, target, "succeeded");
            return result;
        } catch (RuntimeException e) {
            write(caller, operation, target, "failed: " + abbreviate(String.valueOf(e.getMessage())));
            throw e;
        }
    }

    /** Records an operation whose outcome the caller determined itself. */
    public void write(Caller caller, String operation, String target, String outcome) {
        ownTransaction.executeWithoutResult(t -> {
            Long id = jdbc.queryForObject("""
                    INSERT INTO audit_log (username, client, operation, target, outcome) VALUES (?, ?, ?, ?, ?)
                    RETURNING id""", Long.class, caller.user(), caller.address(), operation, target, outcome);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("user", caller.user());
            data.put("client", caller.address());
            data.put("operation", operation);
            data.put("target", target);
            data.put("outcome", outcome);
            outbox.publish(EventTypes.SYSTEM_AUDIT, data);
        });
        log.info("Audit: {} from {} {} {}: {}", caller.user(), caller.address(), operation, target, outcome);
    }

    /** The newest entries first. */
    public List<Entry> list(int limit) {
        return jdbc.query("""
                SELECT id, occurred_at, username, client, operation, target, outcome FROM audit_log
                ORDER BY id DESC LIMIT ?""",
                (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).getTime(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), limit);
    }

    /** Deletes entries older than coinwatch.security.audit.retention; called by the audit-retention route. */
    public int expire() {
        int deleted = jdbc.update("DELETE FROM audit_log WHERE occurred_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
        if (deleted > 0) {
            log.info("Deleted {} audit entries older than {}", deleted, retention);
        }
        return deleted;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_OUTCOME ? text : text.substring(0, MAX_OUTCOME) + "...";
    }
}
