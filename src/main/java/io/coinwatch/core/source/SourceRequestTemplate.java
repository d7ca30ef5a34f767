package io.coinwatch.core.source;

import java.net.URI;
import java.net.URISyntaxException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.stereotype.Component;

/**
 * The route template of one guarded request to a data source, {@value #ID}: the route direct:&lt;source&gt;-request
 * waits for the source's guard (its budget counts the request's weight, exchange property {@value #WEIGHT}, 1 when
 * unset), lets the reader bean add what the request needs, GETs the base URL plus the path in exchange property
 * {@value #PATH} and the query in the CamelHttpQuery header through a circuit breaker (configured
 * as camel.resilience4j.configurations.&lt;source&gt;; an {@link UnknownSymbolException} is not counted), on an HTTP
 * client that never retries by itself, and hands the answer to the reader. No error handler of its own: the calling
 * route carries {@value SourceCallErrorHandling#ID}, whose redeliveries re-run the request whole, guard included.
 * <p>
 * Parameters: {@code source} (the guard: coinwatch.exchanges.&lt;source&gt; or coinwatch.vendors.&lt;source&gt;),
 * {@code baseUrl} (an http(s) URL, placeholders allowed), {@code reader} (a {@link ResponseReader} bean's name).
 * They are checked when a route is made from the template, so a mistake fails there, naming the parameter.
 */
@Component
public class SourceRequestTemplate extends RouteBuilder {

    public static final String ID = "source-request";
    /** Exchange property: the path below the source's base URL, e.g. /v5/market/kline. */
    public static final String PATH = "coinwatchPath";
    /** Exchange property: the request's weight in the source's budget. */
    public static final String WEIGHT = "coinwatchWeight";
    private static final String UNKNOWN_SYMBOL = "coinwatchUnknownSymbol";

    private final SourceGuards guards;

    public SourceRequestTemplate(SourceGuards guards) {
        this.guards = guards;
    }

    @Override
    public void configure() {
        routeTemplate(ID)
                .templateParameter("source", null, "the source's name: its guard, circuit breaker and routes")
                .templateParameter("baseUrl", null, "the source's REST root, an http(s) URL")
                .templateParameter("reader", null, "the name of the source's response-reader bean")
                .configure(this::check)
                .from("direct:{{source}}-request").routeGroup("sources")
                .errorHandler(noErrorHandler())
                .removeHeaders("*", Exchange.HTTP_QUERY)
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, exchangeProperty(PATH))
                // Names the source to the retry policy, which marks it unreachable when no connection can be made.
                .setProperty(SourceRetryPolicy.SOURCE_PROPERTY, constant("{{source}}"))
                .bean("sourceGuards", "acquire('{{source}}', ${exchangeProperty." + WEIGHT + "})")
                .bean("{{reader}}", "prepare(${exchange}, '{{source}}')")
                .removeProperty(UNKNOWN_SYMBOL)
                .circuitBreaker().id("cb-{{source}}").configuration("{{source}}")
                    .to("{{baseUrl}}?throwExceptionOnFailure=false&httpClientConfigurer=#sourceHttpClientConfigurer")
                    .doTry()
                        .bean("{{reader}}", "result(${exchange}, '{{source}}')")
                    // A correct answer about one symbol, so a success to the breaker: delisted symbols must not open
                    // the circuit for every other one. Thrown once out of it.
                    .doCatch(UnknownSymbolException.class)
                        .setProperty(UNKNOWN_SYMBOL, exchangeProperty(Exchange.EXCEPTION_CAUGHT))
                    .end()
                .end()
                .filter(exchangeProperty(UNKNOWN_SYMBOL).isNotNull())
                    .process(e -> {
                        throw e.getProperty(UNKNOWN_SYMBOL, UnknownSymbolException.class);
                    });
    }

    private void check(RouteTemplateContext route) {
        String source = route.getProperty("source", String.class);
        if (!guards.has(source)) {
            throw new IllegalArgumentException("parameter source: no coinwatch.exchanges." + source + " or coinwatch.vendors."
                    + source + " configured");
        }
        requireBean(route, "reader", ResponseReader.class);
        String baseUrl = getCamelContext().resolvePropertyPlaceholders(route.getProperty("baseUrl", String.class));
        try {
            URI uri = new URI(baseUrl);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new URISyntaxException(baseUrl, "not an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("parameter baseUrl: '" + baseUrl + "' is not an http(s) URL with a host");
        }
    }

    /**
     * The circuit breaker of a source's request route. Camel prefixes the ids of a templated route's nodes, so it is
     * found by its type in the route &lt;source&gt;-request; null while that route is not loaded.
     */
    public static ResilienceProcessor circuitBreaker(CamelContext camel, String source) {
        Route route = camel.getRoute(source + "-request");
        return route == null ? null : route.filter("*").stream().filter(ResilienceProcessor.class::isInstance)
                .map(ResilienceProcessor.class::cast).findFirst().orElse(null);
    }

    /** Fails, naming the parameter, unless it names a bean of this type. */
    public static void requireBean(RouteTemplateContext route, String parameter, Class<?> type) {
        String name = route.getProperty(parameter, String.class);
        Object bean = route.getCamelContext().getRegistry().lookupByName(name);
        if (!type.isInstance(bean)) {
            throw new IllegalArgumentException("parameter " + parameter + ": no " + type.getSimpleName() + " bean named '" + name + "'");
        }
    }
}
