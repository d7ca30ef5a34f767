package io.coinwatch.monitor;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * Evaluates the alert conditions every coinwatch.monitor.alerts.evaluation-interval. A timer on every monitor replica
 * rather than clustered Quartz: the database keeps one open alert per kind and subject, and only the replica whose
 * change went through announces it.
 */
@Component
@ConditionalOnRole(Role.MONITOR)
public class AlertRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:alert-evaluation?delay=5000&period={{coinwatch.monitor.alerts.evaluation-interval:15s}}")
                .routeId("alert-evaluation")
                .routeGroup("monitor")
                .bean("alertEvaluator", "evaluate");
    }
}
