package io.coinwatch.core.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/** Writes and reads envelopes as JSON, validating them the same way on the publishing and the consuming side. */
@Component
public class EnvelopeCodec {

    private final ObjectMapper mapper;

    public EnvelopeCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public EventEnvelope envelope(String type, String source, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, EventEnvelope.CURRENT_VERSION, source,
                Instant.now(), mapper.valueToTree(data));
        validate(envelope);
        return envelope;
    }

    public String write(EventEnvelope envelope) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", envelope.id().toString());
        node.put("type", envelope.type());
        node.put("version", envelope.version());
        node.put("source", envelope.source());
        node.put("occurredAt", envelope.occurredAt().toString());
        node.set("data", envelope.data());
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Envelope not serialisable", e);
        }
    }

    public EventEnvelope read(String json) {
        JsonNode node;
        try {
            node = json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("envelope must be a JSON object");
        }
        EventEnvelope envelope = new EventEnvelope(uuid(node), text(node, "type"), version(node), text(node, "source"),
                instant(node), data(node));
        validate(envelope);
        return envelope;
    }

    private void validate(EventEnvelope e) {
        if (!EventTypes.ALL.contains(e.type())) {
            throw new InvalidEventException("unknown event type '" + e.type() + "'");
        }
        if (e.version() != EventEnvelope.CURRENT_VERSION) {
            throw new InvalidEventException("unsupported envelope version " + e.version());
        }
        if (e.source() == null || e.source().isBlank()) {
            throw new InvalidEventException("source is required");
        }
        if (e.data() == null) {
            throw new InvalidEventException("data must be a JSON object");
        }
    }

    private static UUID uuid(JsonNode node) {
        String id = text(node, "id");
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("id is not a UUID: " + id);
        }
    }

    private static int version(JsonNode node) {
        JsonNode v = node.get("version");
        if (v == null || !v.isInt()) {
            throw new InvalidEventException("version must be an integer");
        }
        return v.intValue();
    }

    private static Instant instant(JsonNode node) {
        String at = text(node, "occurredAt");
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("occurredAt is not an ISO-8601 instant: " + at);
        }
    }

    private static ObjectNode data(JsonNode node) {
        JsonNode data = node.get("data");
        return data instanceof ObjectNode object ? object : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidEventException(field + " is required");
        }
        return v.textValue();
    }
}
