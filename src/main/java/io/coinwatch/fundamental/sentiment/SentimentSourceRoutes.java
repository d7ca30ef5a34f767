package io.coinwatch.fundamental.sentiment;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coinwatch.marketdata.exchange.ExchangeCallErrorHandling;
import io.coinwatch.marketdata.exchange.ExchangeGuard;
import io.coinwatch.marketdata.exchange.ExchangeGuards;
import io.coinwatch.marketdata.exchange.ExchangeRequestRoutes;
import io.coinwatch.marketdata.exchange.HttpAnswers;

/**
 * Base of a sentiment source: its guarded request route (guard coinwatch.vendors.&lt;name&gt;, circuit breaker
 * &lt;name&gt;) and direct:sentiment-&lt;name&gt;, which reads one coin's posts and scores them with the shared
 * {@link LexiconScorer}. A source that cannot run says why in one log line at start and gets no routes; the API
 * shows it as "not configured". A subclass names its source, finds the coin's handle, and says which path to read,
 * which headers to send and how to read the posts out of the answer.
 */
public abstract class SentimentSourceRoutes extends ExchangeRequestRoutes implements SentimentSource {

    private static final Logger log = LoggerFactory.getLogger(SentimentSourceRoutes.class);

    private final ObjectReader reader;
    private final ExchangeGuards guards;
    private final Clock clock;

    protected SentimentSourceRoutes(ObjectMapper mapper, ExchangeGuards guards, Clock clock) {
        this.clock = clock;
        this.reader = mapper.reader();
        this.guards = guards;
    }

    /** The path (below the source's base URL) to read for this request. */
    public abstract String path(SentimentRequest request);

    /** The query string for this request. */
    public abstract String query(SentimentRequest request);

    /** The posts in the source's answer. */
    public abstract List<SocialPost> posts(JsonNode answer);

    /** Headers the source needs (credentials, a user agent), set after the guard lets the request through. */
    protected abstract RouteDefinition headers(RouteDefinition route);

    @Override
    public void configure() {
        if (notConfigured().isPresent()) {
            log.info("Sentiment source {} is disabled: {}", name(), notConfigured().get());
            return;
        }
        requestRoute(name(), "coinwatch.vendors." + name() + ".base-url", this, this::headers);
        from("direct:sentiment-" + name()).routeId("sentiment-" + name()).routeGroup("fundamental-data")
                .routeConfigurationId(ExchangeCallErrorHandling.ID)
                .setProperty(PATH, method(this, "path"))
                .setHeader(Exchange.HTTP_QUERY, method(this, "query"))
                .to("direct:" + name() + "-request")
                .bean(this, "posts")
                .bean("lexiconScorer", "score");
    }

    /** The answer of the request route: JSON, or the failure classified (a 429 pauses the source's guard). */
    public JsonNode result(Exchange exchange) {
        ExchangeGuard guard = guards.of(name());
        return HttpAnswers.jsonResult(guard, reader, exchange.getMessage(), clock);
    }
}
