package io.coinwatch.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the running application over real HTTP and checks answers against the API's contracts: every answer of an
 * API operation is validated (status, headers, body) against the OpenAPI document the same server publishes, with
 * swagger-request-validator, so the document cannot drift from what is served.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    /** Answers to paths or methods the document does not have (404, 405): their contract is the Error body alone. */
    private static final Set<String> UNDOCUMENTED_REQUEST = Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> send(String method, String path) {
        return send(request(method, path));
    }

    /** The same with HTTP basic authentication, as an admin or a script sends it. */
    public HttpResponse<String> send(String method, String path, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(request(method, path).header("Authorization", "Basic " + credentials));
    }

    private HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).method(method, HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            validate(built, response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void validate(HttpRequest request, HttpResponse<String> response) throws IOException, InterruptedException {
        String path = request.uri().getPath();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (path.startsWith("/api/") && contentType.startsWith("application/json")) {
            assertThat(contentType).as("%s %s: JSON is UTF-8", request.method(), path).matches("(?i)application/json(;\\s*charset=utf-8)?");
        }
        if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/docs") || path.endsWith(".json")
                || !Set.of("GET", "POST").contains(request.method())) {
            return;
        }
        OpenApiInteractionValidator validator = validator();
        if (validator == null) {
            return;
        }
        SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach(actual::withHeader);
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(request.method()), actual.build());
        List<String> problems = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR && !UNDOCUMENTED_REQUEST.contains(m.getKey()))
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
        assertThat(problems).as("%s %s answered %s %s: off the OpenAPI document", request.method(), request.uri(),
                response.statusCode(), response.body()).isEmpty();
    }

    /** The served document's validator; null while the server cannot serve it (a database outage stops /api at the rate limit). */
    private OpenApiInteractionValidator validator() throws IOException, InterruptedException {
        OpenApiInteractionValidator validator = VALIDATORS.get(port);
        if (validator == null) {
            HttpResponse<String> document = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() != 200) {
                return null;
            }
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(document.body()).build();
            VALIDATORS.put(port, validator);
        }
        return validator;
    }

    /** GETs a path that must answer 200 and returns the JSON body. */
    public JsonNode getOk(String path) {
        HttpResponse<String> response = send("GET", path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json(response);
    }

    /** Sends a request that must fail with this status and code in the error contract; returns the error node. */
    public JsonNode assertError(String method, String path, int status, String code) {
        HttpResponse<String> response = send(method, path);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = json(response).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        return error;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }
}
