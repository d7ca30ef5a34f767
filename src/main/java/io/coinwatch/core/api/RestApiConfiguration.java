package io.coinwatch.core.api;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/**
 * The REST DSL set-up shared by every role's API routes: platform-http on the Spring Boot port under /api/v1, JSON
 * written by the routes themselves (binding off, so error bodies are never skipped). The OpenAPI document is
 * {@link OpenApiDocument}'s, served by {@link ApiDocumentRoutes}.
 */
@Component
public class RestApiConfiguration extends RouteBuilder {

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .contextPath("/api/v1")
                .bindingMode(RestBindingMode.off)
                // Request bodies as bytes, not through a UTF-8 reader, which broke on a body of invalid UTF-8 (a 500).
                .endpointProperty("useStreaming", "true");
    }
}
