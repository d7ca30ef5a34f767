package io.coinwatch.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ComponentHealth;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * Every process that reports its status; DEGRADED while any is silent (one that announced its shutdown is not missed),
 * or a live one works on another database or broker than the monitor (not a replica of this deployment).
 */
@Component("servicesHealthIndicator")
@ConditionalOnRole(Role.MONITOR)
public class ServicesHealth extends ComponentHealth {

    private final InstanceDirectory instances;

    public ServicesHealth(InstanceDirectory instances) {
        this.instances = instances;
    }

    @Override
    protected Health check() {
        List<Map<String, Object>> list = new ArrayList<>();
        boolean degraded = false;
        for (InstanceDirectory.Instance instance : instances.instances()) {
            boolean elsewhere = !instance.otherInfrastructure().isEmpty() && instance.liveness() == InstanceDirectory.Liveness.UP;
            degraded |= instance.liveness() == InstanceDirectory.Liveness.SILENT || elsewhere;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("instanceId", instance.instanceId());
            entry.put("roles", instance.roles());
            entry.put("status", instance.liveness());
            entry.put("lastSeen", instance.lastSeen());
            if (!instance.otherInfrastructure().isEmpty()) {
                entry.put("otherInfrastructure", instance.otherInfrastructure());
            }
            list.add(entry);
        }
        return Health.status(degraded ? DEGRADED : Status.UP).withDetail("instances", list).build();
    }
}
