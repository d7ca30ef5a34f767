package io.coinwatch.monitor;

import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventConsumerRouteBuilder;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The monitor's storage flow: every event on monitor.events is stored (status, errors, alerts, gaps, fundamentals),
 * and what is older than coinwatch.monitor.retention is deleted. Retention is a timer, not clustered Quartz: deleting
 * twice is harmless, so every monitor replica may do it.
 */
@Component
@ConditionalOnRole(Role.MONITOR)
public class MonitorIngestRoutes extends EventConsumerRouteBuilder {

    public static final String QUEUE = "monitor.events";

    @Override
    public void configure() {
        fromQueue(QUEUE, "monitor-events")
                .bean("monitorStore", "store");

        from("timer:monitor-retention?delay=60000&period={{coinwatch.monitor.retention-check-interval:1h}}")
                .routeId("monitor-retention")
                .routeGroup("monitor")
                .bean("monitorStore", "expire")
                .bean("alertBook", "expire");
    }
}
