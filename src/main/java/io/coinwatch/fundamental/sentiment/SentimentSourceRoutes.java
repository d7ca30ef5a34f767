package io.coinwatch.fundamental.sentiment;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coinwatch.core.source.SourceCallErrorHandling;
import io.coinwatch.core.source.SourceGuards;
import io.coinwatch.core.source.ResponseReader;
import io.coinwatch.core.source.SourceRequestTemplate;
import io.coinwatch.core.source.HttpAnswers;

/**
 * Base of a sentiment source: its guarded request route (template source-request: guard
 * coinwatch.vendors.&lt;name&gt;, circuit breaker &lt;name&gt;, this bean as the reader) and direct:sentiment-&lt;name&gt;, which reads one coin's posts and scores them with the shared
 * {@link LexiconScorer}. A source that cannot run says why in one log line at start and gets no routes; the API
 * shows it as "not configured". A subclass names its source, finds the coin's handle, and says which path to read,
 * which headers to send ({@link #prepare}) and how to read the posts out of the answer.
 */
public abstract class SentimentSourceRoutes extends RouteBuilder implements SentimentSource, ResponseReader {

    private static final Logger log = LoggerFactory.getLogger(SentimentSourceRoutes.class);

    private final ObjectReader reader;
    private final SourceGuards guards;
    private final Clock clock;

    protected SentimentSourceRoutes(ObjectMapper mapper, SourceGuards guards, Clock clock) {
        this.reader = mapper.reader();
        this.guards = guards;
        this.clock = clock;
    }

    /** The path (below the source's base URL) to read for this request. */
    public abstract String path(SentimentRequest request);

    /** The query string for this request. */
    public abstract String query(SentimentRequest request);

    /** The posts in the source's answer. */
    public abstract List<SocialPost> posts(JsonNode answer);


    @Override
    public void configure() {
        if (notConfigured().isPresent()) {
            log.info("Sentiment source {} is disabled: {}", name(), notConfigured().get());
            return;
        }
        String readerName = name() + "SentimentReader";
        getCamelContext().getRegistry().bind(readerName, this);
        templatedRoute(SourceRequestTemplate.ID).routeId(name() + "-request")
                .parameter("source", name())
                .parameter("baseUrl", "{{coinwatch.vendors." + name() + ".base-url}}")
                .parameter("reader", readerName);
        from("direct:sentiment-" + name()).routeId("sentiment-" + name()).routeGroup("fundamental-data")
                .routeConfigurationId(SourceCallErrorHandling.ID)
                .setProperty(SourceRequestTemplate.PATH, method(this, "path"))
                .setHeader(Exchange.HTTP_QUERY, method(this, "query"))
                .to("direct:" + name() + "-request")
                .bean(this, "posts")
                .bean("lexiconScorer", "score");
    }

    /** The answer of the request route: JSON, or the failure classified (a 429 pauses the source's guard). */
    @Override
    public JsonNode result(Exchange answer, String source) {
        return HttpAnswers.jsonResult(guards.of(source), reader, answer.getMessage(), clock);
    }
}
