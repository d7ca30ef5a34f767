package io.coinwatch.core.audit;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Keeps the security tables small: audit entries past their retention, and rate-limit and login buckets that have
 * refilled. Timers on every process rather than clustered Quartz: the deletes are idempotent, and the buckets' rows
 * are locked with SKIP LOCKED, so replicas running them at once do no harm.
 */
@Component
public class SecurityRetentionRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:audit-retention?delay=60000&period={{coinwatch.security.audit.purge-interval:1h}}")
                .routeId("audit-retention")
                .routeGroup("security")
                .bean("auditLog", "expire");
        from("timer:rate-limit-purge?delay=30000&period={{coinwatch.security.buckets.purge-interval:1m}}")
                .routeId("rate-limit-purge")
                .routeGroup("security")
                .bean("sharedBuckets", "purgeExpired(1000)");
    }
}
