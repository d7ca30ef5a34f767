package io.coinwatch.core.api;

import java.io.IOException;
import java.io.InputStream;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The API's machine-readable contracts, served by every process: /api/v1/openapi.json (the REST API, see
 * {@link OpenApiDocument}) and /api/v1/asyncapi.json (the events on the broker, a document kept beside the code in
 * api/asyncapi.json and checked against the published events by the tests).
 */
@Component
public class ApiDocumentRoutes extends RouteBuilder {

    private final OpenApiDocument openApi;

    public ApiDocumentRoutes(OpenApiDocument openApi) {
        this.openApi = openApi;
    }

    private static byte[] asyncApi() throws IOException {
        try (InputStream in = ApiDocumentRoutes.class.getResourceAsStream("/api/asyncapi.json")) {
            return in.readAllBytes();
        }
    }

    @Override
    public void configure() throws IOException {
        from("platform-http:/api/v1/openapi.json?httpMethodRestrict=GET").routeId("api-openapi-document")
                .process(e -> {
                    boolean local = "local".equals(e.getMessage().getHeader("scope", String.class));
                    e.getMessage().removeHeaders("*");
                    e.getMessage().setBody(openApi.json(local));
                    e.getMessage().setHeader("Content-Type", ApiResponses.JSON_UTF8);
                });
        from("platform-http:/api/v1/asyncapi.json?httpMethodRestrict=GET").routeId("api-asyncapi-document")
                .removeHeaders("*")
                .setBody(constant(asyncApi()))
                .setHeader("Content-Type", constant(ApiResponses.JSON_UTF8));
    }
}
