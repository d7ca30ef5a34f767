package io.coinwatch.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.roles.InstanceIdentity;

/**
 * The pipeline's own counters, shared by every role: candles ingested per exchange and errors per route and exchange.
 * They are Micrometer counters (so Prometheus scrapes them) and travel in this instance's system.status, which is how
 * the monitor sees them when it runs in another process. An error is also published as system.error with its context.
 */
@Component
public class PipelineMetrics {

    public static final String CANDLES_INGESTED = "coinwatch.candles.ingested";
    public static final String ERRORS = "coinwatch.errors";
    /** Tag value when the caller has no exchange (or route): Micrometer refuses null tags. */
    static final String NONE = "none";

    private static final Logger log = LoggerFactory.getLogger(PipelineMetrics.class);

    /** Cumulative counts since this process started, as system.status reports them. */
    public record Counters(Map<String, Long> candlesIngested, long errors) {
    }

    private final MeterRegistry registry;
    private final EventOutbox outbox;
    private final InstanceIdentity identity;
    private final TransactionTemplate ownTransaction;

    public PipelineMetrics(MeterRegistry registry, EventOutbox outbox, InstanceIdentity identity,
                           PlatformTransactionManager transactions) {
        this.registry = registry;
        this.outbox = outbox;
        this.identity = identity;
        // The caller may be failing inside a transaction that rolls back; the error report must survive it.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Called by the collection routes once a batch of candles is stored. */
    public void candlesIngested(String exchange, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        Counter.builder(CANDLES_INGESTED).description("Candles stored by the collection routes")
                .tag("exchange", orNone(exchange)).register(registry).increment(count);
    }

    /**
     * Counts a failure and publishes system.error with its context. Callers are error handlers, so this never throws:
     * when the event cannot be written (the database is down, say) the counter still counts and the reason is logged.
     */
    public void error(String route, String exchange, String symbol, Throwable error) {
        Counter.builder(ERRORS).description("Failures reported by the pipeline routes")
                .tag("route", orNone(route)).tag("exchange", orNone(exchange)).register(registry).increment();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instanceId", identity.instanceId());
        data.put("route", route);
        data.put("exchange", exchange);
        data.put("symbol", symbol);
        data.put("exception", error == null ? null : error.getClass().getName());
        data.put("message", error == null ? null : error.getMessage());
        try {
            ownTransaction.executeWithoutResult(t -> outbox.publish(EventTypes.SYSTEM_ERROR, data));
        } catch (RuntimeException e) {
            log.warn("system.error of route {} not published ({}); the error was: {}", route, e.getMessage(), String.valueOf(error));
        }
    }

    public Counters counters() {
        Map<String, Long> ingested = new TreeMap<>();
        registry.find(CANDLES_INGESTED).counters()
                .forEach(c -> ingested.merge(c.getId().getTag("exchange"), (long) c.count(), Long::sum));
        long errors = (long) registry.find(ERRORS).counters().stream().mapToDouble(Counter::count).sum();
        return new Counters(ingested, errors);
    }

    private static String orNone(String tag) {
        return tag == null || tag.isBlank() ? NONE : tag;
    }
}
