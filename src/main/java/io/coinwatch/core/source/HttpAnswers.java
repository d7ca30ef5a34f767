package io.coinwatch.core.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.coinwatch.core.source.SourceException.Kind;

import static io.coinwatch.core.source.WireFormat.abbreviate;

/**
 * What every response reader does with an HTTP answer before its own format comes into play: 403/418 is a ban, 429 a
 * rate limit (both told to the guard, so no request goes out until they are over), 5xx a server fault, and a body
 * that is not JSON a malformed answer. The one place that reads when a source says to come back.
 */
public final class HttpAnswers {

    /** Headers that say when to come back: standard Retry-After, Reddit's x-ratelimit-reset (seconds), Bybit's reset time. */
    private static final String RETRY_AFTER = "Retry-After";
    private static final String RATELIMIT_RESET = "x-ratelimit-reset";
    private static final String BYBIT_RESET_TIMESTAMP = "X-Bapi-Limit-Reset-Timestamp";

    private HttpAnswers() {
    }

    /**
     * The body of an answer that is neither a ban, nor a rate limit, nor a server fault (those throw their classified
     * {@link SourceException} after telling the guard). Other statuses come back with their body, for the reader to
     * say what the source meant.
     */
    public static String body(SourceGuard guard, Message message, Clock clock) {
        String source = guard.source();
        int status = status(message);
        String body = message.getBody(String.class);
        guard.answered();
        if (status == 403 || status == 418) {
            guard.banned(comeBackIn(message, clock), "HTTP " + status + " " + abbreviate(body));
            throw new SourceException(source, Kind.BANNED, "HTTP " + status + " IP banned: " + abbreviate(body));
        }
        if (status == 429) {
            guard.rateLimited(comeBackAt(message, clock), "HTTP 429 " + abbreviate(body));
            throw new SourceException(source, Kind.RATE_LIMITED, "HTTP 429 rate limited");
        }
        if (status >= 500) {
            guard.failed("HTTP " + status);
            throw new SourceException(source, Kind.SERVER_ERROR, "HTTP " + status);
        }
        return body;
    }

    /** The body of a 200 answer; any other status throws its classified {@link SourceException}. */
    public static String okBody(SourceGuard guard, Message message, Clock clock) {
        String body = body(guard, message, clock);
        int status = status(message);
        if (status != 200) {
            guard.failed("HTTP " + status);
            throw new SourceException(guard.source(), Kind.API_ERROR, "HTTP " + status + " " + abbreviate(body));
        }
        return body;
    }

    /** The JSON of a 200 answer; anything else throws its classified {@link SourceException}. */
    public static JsonNode jsonResult(SourceGuard guard, ObjectReader reader, Message message, Clock clock) {
        return json(guard, reader, okBody(guard, message, clock));
    }

    /** The body as JSON; a cut-off or garbled body is a retryable {@link Kind#MALFORMED} failure. */
    public static JsonNode json(SourceGuard guard, ObjectReader reader, String body) {
        try {
            JsonNode root = body == null || body.isBlank() ? null : reader.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new SourceException(guard.source(), Kind.MALFORMED, "empty response");
            }
            return root;
        } catch (JsonProcessingException e) {
            guard.failed("malformed response");
            throw new SourceException(guard.source(), Kind.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    public static int status(Message message) {
        return message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
    }

    /** When the answer says requests may resume, or null when it does not say. */
    public static Instant comeBackAt(Message message, Clock clock) {
        String reset = message.getHeader(BYBIT_RESET_TIMESTAMP, String.class);
        if (reset != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(reset.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Duration wait = comeBackIn(message, clock);
        return wait == null ? null : clock.instant().plus(wait);
    }

    /** How long the answer says to wait: Retry-After in seconds or as an HTTP date, or x-ratelimit-reset; else null. */
    public static Duration comeBackIn(Message message, Clock clock) {
        String value = message.getHeader(RETRY_AFTER, String.class);
        if (value == null) {
            value = message.getHeader(RATELIMIT_RESET, String.class);
        }
        return value == null ? null : retryAfter(value.trim(), clock);
    }

    /** A Retry-After value: delay-seconds (fractions allowed, as Reddit sends) or an HTTP date; null when unreadable. */
    static Duration retryAfter(String value, Clock clock) {
        try {
            return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
