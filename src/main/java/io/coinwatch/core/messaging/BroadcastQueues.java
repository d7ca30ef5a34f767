package io.coinwatch.core.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.InstanceIdentity;
import io.coinwatch.core.roles.Role;

/**
 * The per-replica queues of coinwatch.messaging.broadcast: a subscription named {@code <role>.<purpose>} becomes the
 * queue {@code <role>.<purpose>.<instance id>} in every process that runs the role, so each replica gets its own copy
 * of every event (a shared queue would hand each event to one replica only). The queues are auto-delete and not
 * durable: they go with their process, and what is published while no replica listens is not wanted by anyone.
 */
@Component
public class BroadcastQueues {

    private final MessagingProperties properties;
    private final InstanceIdentity identity;

    public BroadcastQueues(MessagingProperties properties, InstanceIdentity identity) {
        this.properties = properties;
        this.identity = identity;
    }

    /** This process's queue for the subscription, e.g. gateway.cache.host-1a2b3c4d. */
    public String queueName(String subscription) {
        if (!properties.broadcast().containsKey(subscription)) {
            throw new IllegalArgumentException("No broadcast subscription '" + subscription + "' in coinwatch.messaging.broadcast");
        }
        return subscription + "." + identity.instanceId();
    }

    /** The subscriptions of the roles this process runs, with their routing keys: only these queues get a consumer. */
    public Map<String, List<String>> declared() {
        Set<Role> roles = identity.roles();
        return properties.broadcast().entrySet().stream()
                .filter(e -> roles.contains(Role.fromId(e.getKey().substring(0, e.getKey().indexOf('.')))))
                .collect(Collectors.toMap(e -> queueName(e.getKey()), Map.Entry::getValue));
    }
}
