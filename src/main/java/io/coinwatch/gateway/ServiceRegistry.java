package io.coinwatch.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.InstanceIdentity;
import io.coinwatch.core.roles.Role;

/**
 * Where the roles this process does not run answer: their base URLs from coinwatch.gateway.services.&lt;role&gt;.base-urls
 * and what the last health probe of each found. A role is available while one of its instances is healthy (or not
 * probed yet) and its circuit is not open; a forwarded request that cannot connect takes its instance out until the
 * next successful probe. Each change of a role's availability is logged as one line.
 */
@Component("serviceRegistry")
@ConditionalOnRole(Role.GATEWAY)
public class ServiceRegistry {

    private static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);

    public enum State { UNKNOWN, UP, DOWN }

    /** One base URL of a role and what its last probe, or a failed forward, found. */
    public static final class Instance {
        private final ApiGroup group;
        private final String baseUrl;
        private volatile State state = State.UNKNOWN;
        private volatile Instant lastCheck;
        private volatile String lastError;

        Instance(ApiGroup group, String baseUrl) {
            this.group = group;
            this.baseUrl = baseUrl;
        }

        public String baseUrl() {
            return baseUrl;
        }

        public ApiGroup group() {
            return group;
        }

        public State state() {
            return state;
        }

        private void record(State newState, String error) {
            state = newState;
            lastError = error;
            lastCheck = Instant.now();
        }

        private Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("baseUrl", baseUrl);
            d.put("status", state);
            d.put("lastCheck", lastCheck == null ? null : lastCheck.toEpochMilli());
            d.put("lastError", lastError);
            return d;
        }
    }

    /** A role served elsewhere: its instances and the availability last logged. */
    private static final class RemoteRole {
        private final ApiGroup group;
        private final List<Instance> instances;
        private final AtomicInteger next = new AtomicInteger();
        private Boolean announced;

        RemoteRole(ApiGroup group, List<String> baseUrls) {
            this.group = group;
            this.instances = baseUrls.stream().map(url -> new Instance(group, url)).toList();
        }

        List<Instance> candidates() {
            return instances.stream().filter(i -> i.state != State.DOWN).toList();
        }
    }

    private final Map<ApiGroup, RemoteRole> remote = new EnumMap<>(ApiGroup.class);
    private final GatewayProperties.Forwarding forwarding;
    private final CamelContext camel;
    private final HttpClient http;

    public ServiceRegistry(GatewayProperties properties, InstanceIdentity identity, CamelContext camel) {
        this.forwarding = properties.forwarding();
        this.camel = camel;
        properties.services().keySet().forEach(ServiceRegistry::checkRoleId);
        for (ApiGroup group : ApiGroup.values()) {
            if (!identity.roles().contains(group.role())) {
                GatewayProperties.Service service = properties.services().get(group.role().id());
                remote.put(group, new RemoteRole(group, service == null ? List.of() : service.baseUrls()));
            }
        }
        this.http = HttpClient.newBuilder().connectTimeout(forwarding.healthTimeout()).build();
    }

    private static void checkRoleId(String id) {
        Role role = Role.fromId(id);
        if (role == Role.GATEWAY) {
            throw new IllegalArgumentException("coinwatch.gateway.services.gateway: the gateway forwards to the other roles, "
                    + "not to itself; give base URLs for market-data, fundamental-data or monitor");
        }
    }

    /** The groups whose role this process does not run, so it forwards them; empty all-in-one. */
    public List<ApiGroup> remoteGroups() {
        return List.copyOf(remote.keySet());
    }

    /** An available instance of the group's role, in turn; a 503 when there is none. */
    public Instance choose(ApiGroup group) {
        RemoteRole role = remote.get(group);
        if (role.instances.isEmpty()) {
            throw new RoleUnavailableException(group, "no base URL is configured (coinwatch.gateway.services."
                    + group.role().id() + ".base-urls)");
        }
        List<Instance> candidates = role.candidates();
        if (candidates.isEmpty()) {
            throw new RoleUnavailableException(group, "no instance is healthy");
        }
        return candidates.get(Math.floorMod(role.next.getAndIncrement(), candidates.size()));
    }

    /** Probes every base URL at once, waits for all, then logs each role whose availability changed. */
    public void probeAll() {
        List<CompletableFuture<Void>> probes = new ArrayList<>();
        for (RemoteRole role : remote.values()) {
            for (Instance instance : role.instances) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUrl + forwarding.healthPath()))
                        .timeout(forwarding.healthTimeout()).GET().build();
                probes.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                    if (error != null) {
                        instance.record(State.DOWN, describe(error));
                    } else if (response.statusCode() / 100 == 2) {
                        instance.record(State.UP, null);
                    } else {
                        instance.record(State.DOWN, "health answered " + response.statusCode());
                    }
                    return null;
                }));
            }
        }
        CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).join();
        remote.values().forEach(this::announce);
    }

    /** A forwarded request could not reach the instance: leave it out until a probe finds it healthy again. */
    public void markDown(Instance instance, String reason) {
        instance.record(State.DOWN, reason);
        announce(remote.get(instance.group));
    }

    private synchronized void announce(RemoteRole role) {
        boolean available = available(role);
        if (role.announced != null && role.announced == available) {
            return;
        }
        role.announced = available;
        String id = role.group.role().id();
        if (available) {
            log.info("Gateway: role {} is UP at {}; /api/v1/{}/** is forwarded there", id,
                    role.candidates().stream().map(Instance::baseUrl).toList(), role.group.path());
        } else {
            log.warn("Gateway: role {} is DOWN ({}); /api/v1/{}/** answers 503 until it is back", id, reasons(role), role.group.path());
        }
    }

    private boolean available(RemoteRole role) {
        return !role.candidates().isEmpty() && circuit(role.group) != CircuitBreaker.State.OPEN;
    }

    private String reasons(RemoteRole role) {
        if (role.instances.isEmpty()) {
            return "no base URL configured";
        }
        if (circuit(role.group) == CircuitBreaker.State.OPEN) {
            return "circuit open";
        }
        return role.instances.stream().map(i -> i.baseUrl + ": " + i.lastError).collect(Collectors.joining(", "));
    }

    /** The state of the group's circuit breaker; CLOSED before its route exists. */
    CircuitBreaker.State circuit(ApiGroup group) {
        ResilienceProcessor breaker = camel.getProcessor(GatewayForwardRoutes.circuitBreakerId(group), ResilienceProcessor.class);
        return breaker == null ? CircuitBreaker.State.CLOSED : breaker.getCircuitBreaker().getState();
    }

    /** Every remote role has an available instance. */
    public boolean healthy() {
        return remote.values().stream().allMatch(this::available);
    }

    /** Every group and where it is served: locally, or by which instances in what state. */
    public Map<String, Object> details() {
        Map<String, Object> roles = new LinkedHashMap<>();
        for (ApiGroup group : ApiGroup.values()) {
            RemoteRole role = remote.get(group);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("group", "/api/v1/" + group.path());
            if (role == null) {
                d.put("status", State.UP);
                d.put("servedBy", "local");
            } else {
                d.put("status", available(role) ? State.UP : State.DOWN);
                d.put("servedBy", "remote");
                d.put("circuit", circuit(group));
                d.put("instances", role.instances.stream().map(Instance::details).toList());
            }
            roles.put(group.role().id(), d);
        }
        return Map.of("roles", roles);
    }

    /** The first message down the cause chain (the JDK's connect failure has none at the top), with its type. */
    static String describe(Throwable e) {
        Throwable top = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return top.getClass().getSimpleName();
    }
}
