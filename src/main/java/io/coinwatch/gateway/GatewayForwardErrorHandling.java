package io.coinwatch.gateway;

import io.coinwatch.core.api.ApiErrorHandling;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * What a forwarding route answers when the role behind it cannot: no available instance, an open circuit, or a
 * connection or timeout failure become 503 with Retry-After in the error contract, anything else a 500 in it.
 * One clause that classifies in {@link GatewayForwarding#failure}, not typed clauses next to {@link ApiErrorHandling}:
 * the circuit breaker hands on the HTTP client's IOException wrapped in a RuntimeCamelException, and Camel's
 * onException matching then prefers onException(Exception) for the wrapper over onException(IOException) for the cause.
 */
@Component
public class GatewayForwardErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "gateway-forward-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .bean("gatewayForwarding", "failure")
                .end();
    }
}
