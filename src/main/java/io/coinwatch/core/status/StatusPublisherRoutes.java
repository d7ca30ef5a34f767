package io.coinwatch.core.status;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Every process, whatever its roles, reports itself as system.status every coinwatch.monitor.status-interval. A timer,
 * not clustered Quartz: each replica must report, not one of them.
 */
@Component
public class StatusPublisherRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:system-status?delay=1000&period={{coinwatch.monitor.status-interval:" + InstanceStatus.DEFAULT_INTERVAL + "}}")
                .routeId("system-status")
                .routeGroup("monitor")
                .bean("instanceStatus", "publish");
    }
}
