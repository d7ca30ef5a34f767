package io.coinwatch.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import io.coinwatch.core.infrastructure.InfrastructureFingerprint;
import io.coinwatch.core.status.InstanceStatus;

/**
 * Every process that reported a system.status, with its liveness: UP while statuses keep coming, SILENT when none came
 * for silent-after-intervals of its own status interval, STOPPED when its last status announced a graceful shutdown;
 * and whether it works on another database or broker than the monitor (its fingerprint differs): such a process is
 * not a replica of this deployment but a separate instance, started with the wrong settings.
 */
@Component
public class InstanceDirectory {

    public enum Liveness { UP, SILENT, STOPPED }

    /** A process as the monitor last heard of it; status is its latest system.status data. */
    public record Instance(String instanceId, Liveness liveness, long lastSeen, long lastSeenAgoMs, long statusIntervalMs,
                           JsonNode status, List<String> otherInfrastructure) {

        public List<String> roles() {
            List<String> roles = new ArrayList<>();
            status.path("roles").forEach(r -> roles.add(r.asText()));
            return roles;
        }
    }

    private final MonitorStore store;
    private final MonitorProperties properties;
    private final InfrastructureFingerprint infrastructure;

    public InstanceDirectory(MonitorStore store, MonitorProperties properties, InfrastructureFingerprint infrastructure) {
        this.store = store;
        this.properties = properties;
        this.infrastructure = infrastructure;
    }

    public List<Instance> instances() {
        return store.instances().stream().map(this::instance).toList();
    }

    /**
     * A section a role contributes to its status (market-data: "backfill", "gaps"), from the live process that reported
     * it last; empty when no live process reports it. Every replica of a role reports the same figures from the same
     * database, so the latest one serves.
     */
    public Optional<JsonNode> latestSection(String name) {
        return instances().stream().filter(i -> i.liveness() == Liveness.UP && i.status().hasNonNull(name))
                .max(Comparator.comparingLong(Instance::lastSeen)).map(i -> i.status().get(name));
    }

    private Instance instance(MonitorStore.InstanceRow row) {
        long interval = row.status().path("statusIntervalMs").asLong(properties.statusInterval().toMillis());
        Liveness liveness = InstanceStatus.STOPPING.equals(row.status().path("state").asText())
                ? Liveness.STOPPED
                : row.ageMs() > properties.silentAfterIntervals() * interval ? Liveness.SILENT : Liveness.UP;
        return new Instance(row.instanceId(), liveness, row.lastSeen(), row.ageMs(), interval, row.status(), otherInfrastructure(row.status()));
    }

    /** database and/or broker when the process reported another fingerprint than the monitor's; unknown ones are not judged. */
    private List<String> otherInfrastructure(JsonNode status) {
        List<String> other = new ArrayList<>();
        infrastructure.current().forEach((part, mine) -> {
            String theirs = status.path("infrastructure").path(part).asText(InfrastructureFingerprint.UNKNOWN);
            if (!mine.equals(InfrastructureFingerprint.UNKNOWN) && !theirs.equals(InfrastructureFingerprint.UNKNOWN) && !mine.equals(theirs)) {
                other.add(part);
            }
        });
        return other;
    }
}
