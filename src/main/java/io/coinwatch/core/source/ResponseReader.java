package io.coinwatch.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * A source's wire format, as the request route (template {@value SourceRequestTemplate#ID}) uses it: a bean that
 * turns the HTTP answer into JSON or a classified {@link SourceException}, telling the source's guard about bans,
 * rate limits and reported usage. The bean's name is the route's {@code reader} parameter.
 */
public interface ResponseReader {

    /** Headers the request needs (credentials, a user agent), set once the guard let it through. None by default. */
    default void prepare(Exchange request, String source) {
    }

    /** The answer as JSON, or the classified failure; {@code source} is the guard's name. */
    JsonNode result(Exchange answer, String source);
}
