package io.coinwatch.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ComponentHealth;

/**
 * The health the API reports, from Actuator's registry: every Coinwatch health indicator ({@link ComponentHealth}:
 * database, broker, outbox, services, exchanges, gateway, whichever this process has) as a component. The overall
 * status is DOWN when the database is down (nothing can be stored or served), DEGRADED when anything else is not UP.
 */
@Component("systemHealth")
public class SystemHealth {

    public enum Status { UP, DEGRADED, DOWN }

    /** One component's state and details. */
    @Schema(name = "HealthComponent")
    public record Component(Status status, Map<String, Object> details) {
    }

    /** The whole answer of GET /system/health. */
    @Schema(name = "HealthReport")
    public record Report(Status status, Map<String, Component> components) {
    }

    private final HealthContributorRegistry registry;

    public SystemHealth(HealthContributorRegistry registry) {
        this.registry = registry;
    }

    public Report report() {
        Map<String, Component> components = new LinkedHashMap<>();
        for (NamedContributor<HealthContributor> contributor : registry) {
            if (contributor.getContributor() instanceof ComponentHealth indicator) {
                org.springframework.boot.actuate.health.Health health = indicator.health();
                components.put(contributor.getName(), new Component(status(health.getStatus()), health.getDetails()));
            }
        }
        Component database = components.get("database");
        Status overall = database != null && database.status() == Status.DOWN ? Status.DOWN
                : components.values().stream().allMatch(c -> c.status() == Status.UP) ? Status.UP : Status.DEGRADED;
        return new Report(overall, components);
    }

    private static Status status(org.springframework.boot.actuate.health.Status status) {
        if (org.springframework.boot.actuate.health.Status.UP.equals(status)) {
            return Status.UP;
        }
        boolean down = org.springframework.boot.actuate.health.Status.DOWN.equals(status)
                || org.springframework.boot.actuate.health.Status.OUT_OF_SERVICE.equals(status);
        return down ? Status.DOWN : Status.DEGRADED;
    }
}
