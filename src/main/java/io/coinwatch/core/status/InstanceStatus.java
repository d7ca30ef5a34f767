package io.coinwatch.core.status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ExchangeHealthSource;
import io.coinwatch.core.infrastructure.InfrastructureFingerprint;
import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.metrics.PipelineMetrics;
import io.coinwatch.core.roles.InstanceIdentity;
import io.coinwatch.core.roles.Role;

/**
 * This process's system.status: who it is, its routes with their state and exchange counts, its counters, the
 * sections its roles contribute (market-data: backfill progress, open gaps) and the exchanges its adapters see. It is everything the monitor knows about
 * a process, so the monitor works the same whether it runs in this process or in another.
 */
@Component("instanceStatus")
public class InstanceStatus {

    /** RUNNING while the process works; STOPPING once, on a graceful shutdown, so the monitor does not call it silent. */
    public static final String RUNNING = "RUNNING";
    public static final String STOPPING = "STOPPING";
    /** coinwatch.monitor.status-interval when unset; in Spring's and Camel's duration syntax. */
    public static final String DEFAULT_INTERVAL = "30s";

    private static final Logger log = LoggerFactory.getLogger(InstanceStatus.class);

    private final InstanceIdentity identity;
    private final CamelContext camel;
    private final PipelineMetrics metrics;
    private final List<StatusSection> sections;
    private final List<ExchangeHealthSource> exchangeSources;
    private final EventOutbox outbox;
    private final InfrastructureFingerprint infrastructure;
    private final Duration interval;
    private final AtomicBoolean unpublished = new AtomicBoolean();

    public InstanceStatus(InstanceIdentity identity, CamelContext camel, PipelineMetrics metrics, List<StatusSection> sections,
                          List<ExchangeHealthSource> exchangeSources, EventOutbox outbox, InfrastructureFingerprint infrastructure,
                          @Value("${coinwatch.monitor.status-interval:" + DEFAULT_INTERVAL + "}") Duration interval) {
        this.identity = identity;
        this.camel = camel;
        this.metrics = metrics;
        this.sections = sections;
        this.exchangeSources = exchangeSources;
        this.outbox = outbox;
        this.infrastructure = infrastructure;
        this.interval = interval;
    }

    /**
     * Called by the system-status route every status interval. While the database is away the status cannot be
     * written: that is said once, not with a stack trace every interval, and the monitor sees this process silent.
     */
    public void publish() {
        try {
            outbox.publish(EventTypes.SYSTEM_STATUS, snapshot(RUNNING));
            if (unpublished.getAndSet(false)) {
                log.info("Status reports resumed");
            }
        } catch (DataAccessException e) {
            if (!unpublished.getAndSet(true)) {
                log.warn("Status not reported, retried every interval: {}", e.getMessage());
            }
        }
    }

    @EventListener(ContextClosedEvent.class)
    void publishStopping() {
        try {
            outbox.publish(EventTypes.SYSTEM_STATUS, snapshot(STOPPING));
        } catch (RuntimeException e) {
            log.info("Could not announce the shutdown to the monitor, it will report this instance silent: {}", e.getMessage());
        }
    }

    public Map<String, Object> snapshot(String state) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instanceId", identity.instanceId());
        data.put("roles", identity.roles().stream().map(Role::id).toList());
        data.put("version", identity.version());
        data.put("state", state);
        data.put("startedAt", identity.startedAt().toEpochMilli());
        data.put("uptimeMs", identity.uptime().toMillis());
        data.put("statusIntervalMs", interval.toMillis());
        data.put("infrastructure", infrastructure.current());
        data.put("routes", routes());
        PipelineMetrics.Counters counters = metrics.counters();
        data.put("counters", Map.of("candlesIngested", counters.candlesIngested(), "errors", counters.errors()));
        sections.forEach(section -> data.put(section.name(), section.snapshot()));
        data.put("exchanges", exchanges());
        return data;
    }

    /** Route id -> state and exchange counts; the counts come from JMX (camel-management) and are left out without it. */
    private Map<String, Map<String, Object>> routes() {
        Map<String, Map<String, Object>> routes = new TreeMap<>();
        for (Route route : camel.getRoutes()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("state", String.valueOf(camel.getRouteController().getRouteStatus(route.getRouteId())));
            routes.put(route.getRouteId(), r);
        }
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        if (managed != null) {
            for (ManagedRouteMBean route : managed.getManagedRoutes()) {
                Map<String, Object> r = routes.get(route.getRouteId());
                if (r != null) {
                    r.put("exchangesTotal", route.getExchangesTotal());
                    r.put("exchangesFailed", route.getExchangesFailed());
                }
            }
        }
        return routes;
    }

    /** Serialised as they are: the monitor reads them back into ExchangeState with the same ObjectMapper. */
    private List<ExchangeHealthSource.ExchangeState> exchanges() {
        return exchangeSources.stream().flatMap(s -> s.exchangeStates().stream()).toList();
    }
}
