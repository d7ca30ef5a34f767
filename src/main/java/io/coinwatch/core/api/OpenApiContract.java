package io.coinwatch.core.api;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * Completes the document Camel reads from the REST DSL into the published contract: what the DSL cannot say is added
 * here, uniformly for every operation, so no route has to repeat it. The relative server URL, info, the admin's HTTP
 * basic scheme and the 401 of every operation that declares it, the shared Error schema on every 4xx/5xx (and the
 * 400/429/500/503 any operation can answer), typed parameter defaults, a "min..max" or "min.." range at the start of a parameter's
 * description as minimum/maximum, JSON examples as JSON, and nullable/required record components (null is written
 * for an absent value, a primitive is always present).
 */
public final class OpenApiContract {

    public static final String SERVER_URL = "/api/v1";
    public static final String BASIC_AUTH = "basic";
    private static final String ERROR_REF = "#/components/schemas/Error";
    private static final Pattern RANGE = Pattern.compile("^(-?\\d+)\\.\\.(-?\\d+)?");
    private static final Map<String, String> ANY_OPERATION_ERRORS = Map.of(
            "429", "Rate limit of the endpoint group exceeded; Retry-After says when to try again",
            "500", "Internal error (no internals in the message)",
            "503", "The database or the role serving this endpoint is unavailable; Retry-After when known");

    /** Operations whose 503 carries their own document (health: DOWN), not only the Error body. */
    private static final Set<String> DOCUMENT_ON_503 = Set.of("api-system-health");

    private OpenApiContract() {
    }

    public static OpenAPI complete(OpenAPI api) {
        api.setServers(List.of(new Server().url(SERVER_URL).description("This server")));
        api.setInfo(new Info().title("Coinwatch API").version("1")
                .description("Crypto market data, fundamentals, indicators and system status. Timestamps are epoch "
                        + "milliseconds UTC. Every error answers the Error schema. Reads are open; write operations and "
                        + "the operator views need the admin login (HTTP basic) outside the dev, demo and test profiles.")
                .contact(new Contact().name("Coinwatch maintainers"))
                // No licence has been granted for the project: say so rather than invent one.
                .license(new License().name("Proprietary")));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSecuritySchemes(BASIC_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("The admin login (coinwatch.security.admin.*)"));
        components.addSchemas("Error", errorSchema());
        // Jackson's JsonNode is any JSON value, not an object with fields of its own.
        components.getSchemas().remove("JsonNode");
        components.getSchemas().values().forEach(OpenApiContract::nullability);
        components.getSchemas().values().forEach(OpenApiContract::anyValues);
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(path -> path.readOperations().forEach(OpenApiContract::completeOperation));
        }
        return api;
    }

    public static String json(OpenAPI api) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(api);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema<?> errorSchema() {
        Schema<?> error = new ObjectSchema().title("ErrorDetail")
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("code", new StringSchema().description("Machine-readable reason, e.g. invalid_interval"))
                .addProperty("message", new StringSchema().description("What was wrong, for a human"));
        error.setRequired(List.of("status", "code", "message"));
        Schema<?> body = new ObjectSchema().addProperty("error", error).description("The error contract of every 4xx and 5xx");
        body.setRequired(List.of("error"));
        body.setExample(Map.of("error", Map.of("status", 400, "code", "invalid_interval",
                "message", "interval must be one of [1m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d, 1w]")));
        return body;
    }

    private static void completeOperation(Operation op) {
        ApiResponses responses = op.getResponses();
        boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
        if (secured) {
            responses.computeIfAbsent("401", code -> new ApiResponse()
                    .description("Admin login required (outside the dev, demo and test profiles)"));
        } else {
            // Explicitly open: the admin login is never asked for here.
            op.setSecurity(new ArrayList<>(List.of()));
        }
        if (op.getParameters() != null && !op.getParameters().isEmpty()) {
            responses.computeIfAbsent("400", code -> new ApiResponse().description("Invalid parameter"));
            op.getParameters().forEach(OpenApiContract::typedParameter);
        }
        ANY_OPERATION_ERRORS.forEach((code, description) ->
                responses.computeIfAbsent(code, c -> new ApiResponse().description(description)));
        responses.remove("default");
        ApiResponse success = responses.get("200");
        Schema<?> document = DOCUMENT_ON_503.contains(op.getOperationId()) && success != null && success.getContent() != null
                ? success.getContent().get("application/json").getSchema() : null;
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                Schema<?> error = new Schema<>().$ref(ERROR_REF);
                Schema<?> schema = document != null && code.equals("503") ? new Schema<>().anyOf(List.of(document, error)) : error;
                response.setContent(new Content().addMediaType("application/json", new MediaType().schema(schema)));
            }
            if (response.getDescription() == null || response.getDescription().equals("Output type")) {
                response.setDescription(op.getSummary());
            }
            if (response.getContent() != null) {
                response.getContent().values().forEach(OpenApiContract::jsonExamples);
            }
        });
        if (op.getDescription() == null) {
            op.setDescription(op.getSummary());
        }
        // Sorted by status, as a reader looks them up.
        ApiResponses sorted = new ApiResponses();
        responses.keySet().stream().sorted().forEach(code -> sorted.addApiResponse(code, responses.get(code)));
        op.setResponses(sorted);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void typedParameter(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema == null) {
            return;
        }
        Object defaultValue = schema.getDefault();
        if (defaultValue instanceof String text) {
            schema.setDefault(switch (String.valueOf(schema.getType())) {
                case "integer" -> Long.parseLong(text);
                case "number" -> Double.parseDouble(text);
                case "boolean" -> Boolean.parseBoolean(text);
                default -> text;
            });
        }
        if (parameter.getDescription() != null) {
            Matcher range = RANGE.matcher(parameter.getDescription());
            if (range.find()) {
                schema.setMinimum(new java.math.BigDecimal(range.group(1)));
                if (range.group(2) != null) {
                    schema.setMaximum(new java.math.BigDecimal(range.group(2)));
                }
            }
        }
        if ("path".equals(parameter.getIn())) {
            parameter.setRequired(true);
        }
    }

    /** The DSL carries an example as text; published as the JSON value it spells, so validators check it. */
    private static void jsonExamples(MediaType media) {
        if (media.getExamples() == null) {
            return;
        }
        for (Example example : media.getExamples().values()) {
            if (example.getValue() instanceof String text) {
                try {
                    example.setValue(Json.mapper().readTree(text));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("Example is not JSON: " + text, e);
                }
            }
        }
    }

    /** A record's primitive components are always present (required); the others may be written as null. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullability(Schema schema) {
        Class<?> type = javaType(schema);
        if (schema.getExtensions() != null) {
            schema.getExtensions().remove("x-className");
        }
        if (type == null || !type.isRecord() || schema.getProperties() == null) {
            return;
        }
        List<String> required = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Schema property = (Schema) schema.getProperties().get(component.getName());
            if (property == null) {
                continue;
            }
            if (component.getType().isPrimitive()) {
                required.add(component.getName());
            } else if (property.get$ref() == null) {
                property.setNullable(true);
            } else if (property.get$ref().endsWith("/JsonNode")) {
                schema.getProperties().put(component.getName(), new ObjectSchema().nullable(true).description("Free-form JSON"));
            } else {
                // OpenAPI 3.0 ignores siblings of a $ref: a nullable reference is an allOf of one.
                schema.getProperties().put(component.getName(), new ObjectSchema().allOf(List.of(property)).nullable(true));
            }
        }
        schema.setRequired(required.isEmpty() ? null : required);
    }

    /** A Java Object (a Map's values, a free-form field) is any JSON value, not an object as swagger-core says. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void anyValues(Schema schema) {
        if (schema.getAdditionalProperties() instanceof Schema values && isJavaObject(values)) {
            schema.setAdditionalProperties(new Schema<>());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> anyValues((Schema) p));
        }
        if (schema.getItems() != null) {
            anyValues(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema values) {
            anyValues(values);
        }
    }

    @SuppressWarnings("rawtypes")
    private static boolean isJavaObject(Schema schema) {
        return "object".equals(schema.getType()) && schema.getProperties() == null && schema.get$ref() == null
                && schema.getAdditionalProperties() == null && schema.getAllOf() == null;
    }

    @SuppressWarnings("rawtypes")
    private static Class<?> javaType(Schema schema) {
        if (schema.getExtensions() == null || !(schema.getExtensions().get("x-className") instanceof Map className)) {
            return null;
        }
        try {
            return Class.forName(String.valueOf(className.get("format")), false, OpenApiContract.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
