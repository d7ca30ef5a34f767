package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.coinwatch.support.CoinwatchIntegrationTest;

/** Over real HTTP: health answers, and requests that match nothing still get the JSON error contract. */
@CoinwatchIntegrationTest
class ApiErrorContractTest {

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void healthIsUpWithDatabaseAndBrokerListed() throws Exception {
        HttpResponse<String> response = get("/api/v1/system/health", "GET");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asText()).isIn("UP", "DEGRADED");
        assertThat(body.path("components").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("broker").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void unknownPathIs404InTheErrorContract() throws Exception {
        assertError(get("/api/v1/no/such/thing", "GET"), 404, "not_found");
    }

    @Test
    void wrongMethodIs405InTheErrorContract() throws Exception {
        assertError(get("/api/v1/system/health", "DELETE"), 405, "method_not_allowed");
    }

    @Test
    void replayOfAnUnknownParkedMessageIs404AndANonNumericIdIs400() throws Exception {
        assertError(get("/api/v1/system/parked/999999/replay", "POST"), 404, "parked_message_not_found");
        assertError(get("/api/v1/system/parked/abc/replay", "POST"), 400, "invalid_id");
    }

    @Test
    void theOpenApiDocumentListsTheSystemPaths() throws Exception {
        HttpResponse<String> response = get("/api/v1/openapi.json", "GET");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("paths").has("/system/health")).isTrue();
    }

    private void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = json.readTree(response.body()).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
