package io.coinwatch.gateway;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The gateway in front of the roles this process does not run: gateway-health-check probes their base URLs every
 * coinwatch.gateway.forwarding.health-check-interval, and one gateway-forward-&lt;group&gt; route per such API group
 * takes every request under /api/v1/&lt;group&gt; (any method, path, query and body) to an available instance of its
 * role through gateway-call-&lt;group&gt; and that group's circuit breaker. The role's status and body pass through
 * unchanged, errors included. All-in-one, every group is served in this process and there is nothing to forward.
 */
@Component
@ConditionalOnRole(Role.GATEWAY)
public class GatewayForwardRoutes extends RouteBuilder {

    private final ServiceRegistry registry;
    private final GatewayForwarding forwarding;
    private final GatewayProperties.Forwarding timeouts;

    public GatewayForwardRoutes(ServiceRegistry registry, GatewayForwarding forwarding, GatewayProperties properties) {
        this.registry = registry;
        this.forwarding = forwarding;
        this.timeouts = properties.forwarding();
    }

    public static String circuitBreakerId(ApiGroup group) {
        return "cb-gateway-" + group.path();
    }

    /**
     * The HTTP endpoint of every forward; the URL itself comes from the CamelHttpUri header. Timeouts on the endpoint:
     * camel.component.http.* (the exchanges' timeouts) is applied to every HttpComponent bean, a second one included.
     */
    private String target() {
        long connect = timeouts.connectTimeout().toMillis();
        long response = timeouts.responseTimeout().toMillis();
        return "http:forward?throwExceptionOnFailure=false&copyHeaders=false&httpClientConfigurer=#gatewayHttpClientConfigurer"
                + "&connectTimeout=" + connect
                + "&connectionRequestTimeout=" + connect + "&responseTimeout=" + response + "&soTimeout=" + response;
    }

    @Override
    public void configure() {
        if (registry.remoteGroups().isEmpty()) {
            return;
        }
        from("timer:gateway-health-check?delay=0&period={{coinwatch.gateway.forwarding.health-check-interval}}")
                .routeId("gateway-health-check").routeGroup("gateway")
                .bean(registry, "probeAll");

        for (ApiGroup group : registry.remoteGroups()) {
            // The body as the client's bytes (useStreaming), as for the REST routes: through a UTF-8 reader a body of
            // invalid UTF-8 failed the request with a 500.
            from("platform-http:/api/v1/" + group.path() + "?matchOnUriPrefix=true&useStreaming=true")
                    .routeId("gateway-forward-" + group.path()).routeGroup("gateway")
                    .routeConfigurationId(GatewayForwardErrorHandling.ID)
                    .process(exchange -> forwarding.prepare(exchange, group))
                    .to("direct:gateway-call-" + group.path())
                    .process(forwarding::response);

            // The call sits in a sub-route without an error handler, as bybit-request does: a failure inside a circuit
            // breaker is not seen by the error handler of the route it sits in, only by the caller of a route that fails.
            from("direct:gateway-call-" + group.path())
                    .routeId("gateway-call-" + group.path()).routeGroup("gateway")
                    .errorHandler(noErrorHandler())
                    .circuitBreaker().id(circuitBreakerId(group)).configuration("gateway")
                        .to(target())
                    .end();
        }
    }
}
