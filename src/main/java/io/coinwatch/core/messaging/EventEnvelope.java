package io.coinwatch.core.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The message contract on coinwatch.events: every event travels in this envelope, and consumers are idempotent on id.
 * The accessors of data refuse a field that is missing or of the wrong type with {@link InvalidEventException}, so such
 * a payload is parked at once with the reason instead of being retried or read as a default.
 */
public record EventEnvelope(UUID id, String type, int version, String source, Instant occurredAt, ObjectNode data) {

    public static final int CURRENT_VERSION = 1;

    /** A required, non-blank text field of data. */
    public String text(String field) {
        String value = text(field, null);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(type + " without data." + field);
        }
        return value;
    }

    /** An optional text field of data: the default when absent or null. */
    public String text(String field, String defaultValue) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(type + " data." + field + " must be text, got " + value.getNodeType());
        }
        return value.textValue();
    }

    /** An optional integral field of data: the default when absent or null. */
    public long number(String field, long defaultValue) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new InvalidEventException(type + " data." + field + " must be an integer, got " + value.getNodeType());
        }
        return value.longValue();
    }
}
