package io.coinwatch.marketdata.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.coinwatch.marketdata.exchange.ExchangeException.Kind;

import static io.coinwatch.marketdata.exchange.WireFormat.abbreviate;

/**
 * What every adapter does with an HTTP answer before its own format comes into play: 403/418 is a ban, 429 a rate
 * limit (both told to the guard, so no request goes out until they are over), 5xx a server fault, any other non-200 an
 * error of the API, and a body that is not JSON a malformed answer. Used by the adapters' responses beans.
 */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /**
     * The body of a 200 answer; any other status throws its classified {@link ExchangeException}.
     *
     * @param limitResetAt when a rate limit lifts, as the API reports it (null: pause briefly)
     */
    public static String okBody(ExchangeGuard guard, Message message, Instant limitResetAt) {
        String exchange = guard.exchange();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String body = message.getBody(String.class);
        guard.answered();
        if (status == 403 || status == 418) {
            guard.banned(retryAfter(message), "HTTP " + status + " " + abbreviate(body));
            throw new ExchangeException(exchange, Kind.BANNED, "HTTP " + status + " access too frequent; IP banned");
        }
        if (status == 429) {
            guard.rateLimited(limitResetAt, "HTTP 429");
            throw new ExchangeException(exchange, Kind.RATE_LIMITED, "HTTP 429 rate limited");
        }
        if (status >= 500) {
            guard.failed("HTTP " + status);
            throw new ExchangeException(exchange, Kind.SERVER_ERROR, "HTTP " + status);
        }
        if (status != 200) {
            guard.failed("HTTP " + status);
            throw new ExchangeException(exchange, Kind.API_ERROR, "HTTP " + status + " " + abbreviate(body));
        }
        return body;
    }

    /**
     * The JSON of a 200 answer from an API that signals its limits with standard headers (Retry-After, or
     * x-ratelimit-reset); anything else throws its classified {@link ExchangeException}.
     */
    public static JsonNode jsonResult(ExchangeGuard guard, ObjectReader reader, Message message, Clock clock) {
        return json(guard, reader, okBody(guard, message, retryAt(message, clock)));
    }

    /** The body as JSON; a cut-off or garbled body is a retryable {@link Kind#MALFORMED} failure. */
    public static JsonNode json(ExchangeGuard guard, ObjectReader reader, String body) {
        try {
            JsonNode root = body == null ? null : reader.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new ExchangeException(guard.exchange(), Kind.MALFORMED, "empty response");
            }
            return root;
        } catch (JsonProcessingException e) {
            guard.failed("malformed response");
            throw new ExchangeException(guard.exchange(), Kind.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** When the standard Retry-After header (or Reddit's x-ratelimit-reset, also seconds) says to come back; or null. */
    public static Instant retryAt(Message message, Clock clock) {
        Duration wait = retryAfter(message);
        return wait == null ? null : clock.instant().plus(wait);
    }

    private static Duration retryAfter(Message message) {
        for (String header : new String[] {"Retry-After", "x-ratelimit-reset"}) {
            String value = message.getHeader(header, String.class);
            if (value != null) {
                try {
                    return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
                } catch (NumberFormatException e) {
                    return null; // an HTTP date: rare enough to treat as "no hint"
                }
            }
        }
        return null;
    }
}
