package io.coinwatch.core.api;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.RestOpenApiReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document of /api/v1/openapi.json: this process's REST DSL, completed by {@link OpenApiContract}. A
 * gateway that forwards groups to other processes adds theirs ({@link RemoteApiDocuments}), so a gateway-only process
 * serves the whole API.
 */
@Component
public class OpenApiDocument {

    /** The query that asks a process for its own operations only, so two gateways never fetch from each other in a loop. */
    public static final String LOCAL_SCOPE = "scope=local";

    private final CamelContext camel;
    private final ObjectProvider<RemoteApiDocuments> remote;

    public OpenApiDocument(CamelContext camel, ObjectProvider<RemoteApiDocuments> remote) {
        this.camel = camel;
        this.remote = remote;
    }

    /** The document as JSON: with local=true only this process's operations, otherwise those of the whole API. */
    public String json(boolean local) {
        String own = OpenApiContract.json(own());
        RemoteApiDocuments others = remote.getIfAvailable();
        if (local || others == null) {
            return own;
        }
        try {
            // Merged as JSON: a round trip through swagger's model would change the roles' schemas.
            ObjectNode document = (ObjectNode) Json.mapper().readTree(own);
            others.documents().forEach(other -> merge(document, other));
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OpenAPI own() {
        try {
            OpenAPI document = new RestOpenApiReader().read(camel,
                    camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions(),
                    new BeanConfig(), camel.getName(), camel.getClassResolver());
            return OpenApiContract.complete(document);
        } catch (Exception e) {
            throw new IllegalStateException("The REST DSL could not be read as an OpenAPI document", e);
        }
    }

    /** Adds the remote document's paths, schemas and tags; a role's own part never overlaps another's paths. */
    private static void merge(ObjectNode into, JsonNode from) {
        into.withObject("/paths").setAll((ObjectNode) from.path("paths"));
        if (from.path("components").path("schemas") instanceof ObjectNode schemas) {
            into.withObject("/components").withObject("/schemas").setAll(schemas);
        }
        ArrayNode tags = into.withArray("/tags");
        for (JsonNode tag : from.path("tags")) {
            boolean known = false;
            for (JsonNode existing : tags) {
                known |= existing.path("name").equals(tag.path("name"));
            }
            if (!known) {
                tags.add(tag);
            }
        }
    }
}
