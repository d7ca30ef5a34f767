package io.coinwatch.marketdata.exchange;

import java.util.function.UnaryOperator;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * Base of every adapter's route set (exchanges and data vendors alike): the one guarded request route all of an
 * adapter's calls go through, so each adapter gets the same guard, circuit breaker and classification of answers.
 * Callers set {@link #PATH} and the CamelHttpQuery header, send to direct:&lt;name&gt;-request and carry the
 * exchange-call-errors route configuration, whose redeliveries re-run the request whole.
 */
public abstract class ExchangeRequestRoutes extends RouteBuilder {

    /** Exchange property: the path below the adapter's base URL, e.g. /v5/market/kline. */
    public static final String PATH = "exchangePath";

    /**
     * direct:&lt;name&gt;-request: waits for the guard &lt;name&gt;, then GETs the base URL (the property named
     * {@code baseUrlProperty}) plus {@link #PATH} through the circuit breaker configured as
     * camel.resilience4j.configurations.&lt;name&gt;, on the HTTP client that never retries by itself,
     * and hands the answer to the {@code result} method of {@code responses} (a bean or a bean's name), which turns it
     * into the body the callers read or a classified {@link ExchangeException}.
     *
     * @param beforeSend steps between the guard and the call (a call budget, credentials); identity when none
     */
    protected void requestRoute(String name, String baseUrlProperty, Object responses, UnaryOperator<RouteDefinition> beforeSend) {
        // No error handler here: the caller's redelivery re-runs the request, guard included.
        RouteDefinition route = from("direct:" + name + "-request").routeId(name + "-request").routeGroup(name)
                .errorHandler(noErrorHandler())
                .removeHeaders("*", Exchange.HTTP_QUERY)
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, exchangeProperty(PATH))
                // Names the exchange to the retry policy, which marks it unreachable when no connection can be made.
                .setProperty(ExchangeRetryPolicy.EXCHANGE_PROPERTY, constant(name))
                .bean("exchangeGuards", "acquire('" + name + "')");
        beforeSend.apply(route)
                .circuitBreaker().id("cb-" + name).configuration(name)
                    .to("{{" + baseUrlProperty + "}}?throwExceptionOnFailure=false&httpClientConfigurer=#exchangeHttpClientConfigurer")
                    .bean(responses, "result")
                .end();
    }
}
