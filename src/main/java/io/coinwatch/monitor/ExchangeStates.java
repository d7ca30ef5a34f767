package io.coinwatch.monitor;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import io.coinwatch.core.health.ExchangeHealthSource;
import io.coinwatch.core.health.ExchangeHealthSource.ExchangeState;
import io.coinwatch.core.roles.InstanceIdentity;

/**
 * The exchanges as every live process sees them: this process's own sources asked live, the others' as their latest
 * system.status reported them. Per process, because circuit breakers and bans (which are per IP) are.
 */
@Component
public class ExchangeStates {

    /** One exchange as one process sees it. */
    public record Entry(String instanceId, ExchangeState state) {
    }

    private final List<ExchangeHealthSource> localSources;
    private final InstanceDirectory instances;
    private final InstanceIdentity identity;
    private final ObjectMapper mapper;

    public ExchangeStates(List<ExchangeHealthSource> localSources, InstanceDirectory instances, InstanceIdentity identity,
                          ObjectMapper mapper) {
        this.localSources = localSources;
        this.instances = instances;
        this.identity = identity;
        this.mapper = mapper;
    }

    public List<Entry> current() {
        List<Entry> entries = new ArrayList<>();
        localSources.forEach(s -> s.exchangeStates().forEach(e -> entries.add(new Entry(identity.instanceId(), e))));
        for (InstanceDirectory.Instance instance : instances.instances()) {
            if (instance.liveness() == InstanceDirectory.Liveness.UP && !instance.instanceId().equals(identity.instanceId())) {
                instance.status().path("exchanges").forEach(e -> entries.add(new Entry(instance.instanceId(), read(e))));
            }
        }
        return entries;
    }

    private ExchangeState read(JsonNode node) {
        try {
            return mapper.treeToValue(node, ExchangeState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable exchange state in a system.status: " + node, e);
        }
    }
}
