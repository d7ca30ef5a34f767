package io.coinwatch.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ComponentHealth;
import io.coinwatch.core.health.ExchangeHealthSource.ExchangeState;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/** Every exchange as every process sees it; DEGRADED while any process finds one banned or its circuit open. */
@Component("exchangesHealthIndicator")
@ConditionalOnRole(Role.MONITOR)
public class ExchangesHealth extends ComponentHealth {

    private final ExchangeStates exchanges;

    public ExchangesHealth(ExchangeStates exchanges) {
        this.exchanges = exchanges;
    }

    @Override
    protected Health check() {
        Instant now = Instant.now();
        List<Map<String, Object>> list = new ArrayList<>();
        boolean unavailable = false;
        for (ExchangeStates.Entry entry : exchanges.current()) {
            ExchangeState state = entry.state();
            unavailable |= state.unavailable(now);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("exchange", state.exchange());
            e.put("instanceId", entry.instanceId());
            e.put("circuit", state.circuit());
            e.put("bannedUntil", state.bannedUntil() == null ? null : state.bannedUntil().toEpochMilli());
            e.put("lastError", state.lastError());
            e.put("available", !state.unavailable(now));
            list.add(e);
        }
        return Health.status(unavailable ? DEGRADED : Status.UP).withDetail("exchanges", list).build();
    }
}
