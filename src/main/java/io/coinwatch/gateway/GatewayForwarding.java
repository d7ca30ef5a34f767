package io.coinwatch.gateway;

import io.coinwatch.core.api.ApiException;
import io.coinwatch.core.api.ApiResponses;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The request and response side of forwarding an API group to the role that serves it: the method, path, query,
 * body and the headers that mean something to the role go out; the role's status, body and the headers that mean
 * something to the client come back. Whatever else travels on the message (query parameters as headers, hop-by-hop
 * headers, the role's Content-Length) stays behind.
 */
@Component("gatewayForwarding")
@ConditionalOnRole(Role.GATEWAY)
public class GatewayForwarding {

    private static final Logger log = LoggerFactory.getLogger(GatewayForwarding.class);

    static final String INSTANCE = "gatewayInstance";
    private static final List<String> REQUEST_HEADERS =
            List.of("Accept", "Accept-Language", "Authorization", "Content-Type", "User-Agent", "X-Request-Id");
    private static final List<String> RESPONSE_HEADERS =
            List.of(Exchange.HTTP_RESPONSE_CODE, "Content-Type", "Retry-After", "WWW-Authenticate", "Location");

    private final ServiceRegistry registry;
    private final List<String> requestHeaders;
    private final long downRetryAfterSeconds;
    private final long openCircuitRetryAfterSeconds;

    public GatewayForwarding(ServiceRegistry registry, GatewayProperties properties, Environment env) {
        this.registry = registry;
        this.requestHeaders = new ArrayList<>(REQUEST_HEADERS);
        this.requestHeaders.add(properties.rateLimit().apiKeyHeader());
        this.downRetryAfterSeconds = Math.max(1, (properties.forwarding().healthCheckInterval().toMillis() + 999) / 1000);
        // The circuit of a group stays open this long (seconds, as Camel reads it) before it lets a trial call through.
        this.openCircuitRetryAfterSeconds = Math.max(1,
                env.getProperty("camel.resilience4j.configurations.gateway.wait-duration-in-open-state", Long.class, 60L));
    }

    /** Picks an instance of the group's role and turns the incoming request into the outgoing one. */
    public void prepare(Exchange exchange, ApiGroup group) {
        Message message = exchange.getMessage();
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        String path = message.getHeader(Exchange.HTTP_URI, String.class);
        String query = message.getHeader(Exchange.HTTP_QUERY, String.class);
        ServiceRegistry.Instance instance = registry.choose(group);
        exchange.setProperty(INSTANCE, instance);
        keepOnly(message, requestHeaders);
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_URI, instance.baseUrl() + path);
        if (query != null && !query.isEmpty()) {
            message.setHeader(Exchange.HTTP_QUERY, query);
        }
    }

    /** The role's answer as the client gets it: its status, body and the headers meant for the client. */
    public void response(Exchange exchange) {
        keepOnly(exchange.getMessage(), RESPONSE_HEADERS);
    }

    /**
     * 503 with Retry-After for a request its role could not answer (an instance that refused the connection is taken
     * out), a 500 in the error contract for anything else.
     */
    public void failure(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ServiceRegistry.Instance instance = exchange.getProperty(INSTANCE, ServiceRegistry.Instance.class);
        long retryAfter = downRetryAfterSeconds;
        String message;
        if (caught instanceof RoleUnavailableException) {
            message = caught.getMessage();
        } else if (instance == null) {
            log.error("Forwarding failed before a role was chosen", caught);
            ApiResponses.error(exchange, new ApiException(500, "internal_error", "Internal error"));
            return;
        } else if (caught instanceof CallNotPermittedException) {
            retryAfter = openCircuitRetryAfterSeconds;
            message = "The " + instance.group().role().id() + " service is unavailable: its circuit is open after repeated failures; "
                    + "retry in " + retryAfter + " s";
        } else if (causedBy(caught, ConnectException.class) || causedBy(caught, UnknownHostException.class)) {
            registry.markDown(instance, ServiceRegistry.describe(caught));
            message = "The " + instance.group().role().id() + " service could not be reached; retry shortly";
        } else if (causedBy(caught, SocketTimeoutException.class)) {
            message = "The " + instance.group().role().id() + " service did not answer in time; retry shortly";
        } else {
            message = "The " + instance.group().role().id() + " service failed to answer; retry shortly";
        }
        log.debug("Forwarding failed: {}", ServiceRegistry.describe(caught));
        exchange.getMessage().setHeader("Retry-After", String.valueOf(retryAfter));
        ApiResponses.error(exchange, new ApiException(503, "role_unavailable", message));
    }

    /** The circuit breaker hands on what the HTTP client threw wrapped in a RuntimeCamelException. */
    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void keepOnly(Message message, List<String> names) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String name : names) {
            Object value = message.getHeader(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        message.getHeaders().clear();
        message.getHeaders().putAll(kept);
    }
}
