package io.coinwatch.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.coinwatch.core.api.OpenApiDocument;
import io.coinwatch.core.api.RemoteApiDocuments;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The OpenAPI documents of the groups this gateway forwards, fetched from an available instance of each role (its own
 * part only). A role unreachable at the moment contributes its last document; one never reached yet is missing until it
 * answers.
 */
@Component
@ConditionalOnRole(Role.GATEWAY)
public class GatewayApiDocuments implements RemoteApiDocuments {

    private static final Logger log = LoggerFactory.getLogger(GatewayApiDocuments.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<ApiGroup, JsonNode> lastFetched = new ConcurrentHashMap<>();

    public GatewayApiDocuments(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<JsonNode> documents() {
        List<JsonNode> documents = new ArrayList<>();
        for (ApiGroup group : registry.remoteGroups()) {
            fetch(group);
            JsonNode document = lastFetched.get(group);
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    private void fetch(ApiGroup group) {
        try {
            String url = registry.choose(group).baseUrl() + "/api/v1/openapi.json?" + OpenApiDocument.LOCAL_SCOPE;
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode document = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (document != null && document.has("openapi") && document.path("paths").isObject()) {
                lastFetched.put(group, document);
            } else {
                log.debug("OpenAPI document of {} answered {}", group, response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("OpenAPI document of {} unavailable: {}", group, e.toString());
        }
    }
}
