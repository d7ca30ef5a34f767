package io.coinwatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Checks a message from coinwatch.events against the AsyncAPI document the app serves (api/asyncapi.json): its
 * payload against the JSON schema of its event type, and its AMQP properties (message-id = envelope id, type = event
 * type = routing key, content-type application/json, a timestamp).
 */
public final class EventContract {

    private static final String DOCUMENT = "classpath:api/asyncapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final Map<String, String> messageIdByType = new HashMap<>();
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    public EventContract() {
        try (InputStream in = EventContract.class.getResourceAsStream("/api/asyncapi.json")) {
            JsonNode messages = JSON.readTree(in).path("components").path("messages");
            messages.fields().forEachRemaining(m -> messageIdByType.put(m.getValue().path("name").asText(), m.getKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Set<String> types() {
        return messageIdByType.keySet();
    }

    /** What is wrong with the message; empty when it keeps the contract. */
    public synchronized List<String> violations(Message message) {
        List<String> problems = new ArrayList<>();
        MessageProperties properties = message.getMessageProperties();
        String routingKey = properties.getReceivedRoutingKey();
        JsonNode body;
        try {
            body = JSON.readTree(message.getBody());
        } catch (IOException e) {
            return List.of(routingKey + ": body is not JSON");
        }
        String type = body.path("type").asText();
        String messageId = messageIdByType.get(type);
        if (messageId == null) {
            return List.of(routingKey + ": type '" + type + "' is not in the AsyncAPI document");
        }
        JsonSchema schema = schemas.computeIfAbsent(messageId, id ->
                factory.getSchema(SchemaLocation.of(DOCUMENT + "#/components/messages/" + id + "/payload")));
        for (ValidationMessage error : schema.validate(body)) {
            problems.add(type + " payload: " + error.getMessage());
        }
        if (!type.equals(routingKey)) {
            problems.add(type + ": routing key " + routingKey);
        }
        if (!body.path("id").asText().equals(properties.getMessageId())) {
            problems.add(type + ": message-id " + properties.getMessageId() + " is not the envelope id " + body.path("id").asText());
        }
        if (!type.equals(properties.getType())) {
            problems.add(type + ": AMQP type " + properties.getType());
        }
        if (!"application/json".equals(properties.getContentType())) {
            problems.add(type + ": content-type " + properties.getContentType());
        }
        if (properties.getTimestamp() == null) {
            problems.add(type + ": no timestamp");
        }
        return problems;
    }
}
