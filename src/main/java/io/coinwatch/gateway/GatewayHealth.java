package io.coinwatch.gateway;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ComponentHealth;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/** The gateway's forwarding: every API group and where it is served; DEGRADED while a remote role has no available instance. */
@Component("gatewayHealthIndicator")
@ConditionalOnRole(Role.GATEWAY)
public class GatewayHealth extends ComponentHealth {

    private final ServiceRegistry registry;

    public GatewayHealth(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected Health check() {
        return Health.status(registry.healthy() ? Status.UP : DEGRADED).withDetails(registry.details()).build();
    }
}
