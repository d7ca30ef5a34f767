package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;

/** Over real HTTP: health answers, and requests that match nothing still get the JSON error contract. */
@CoinwatchIntegrationTest
class ApiErrorContractTest {

    @LocalServerPort int port;
    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void healthIsUpWithDatabaseAndBrokerListed() {
        JsonNode body = api.getOk("/api/v1/system/health");
        assertThat(body.path("status").asText()).isIn("UP", "DEGRADED");
        assertThat(body.path("components").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("broker").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void errorsAreUtf8AndEchoNonAsciiInputIntact() {
        JsonNode error = api.assertError("GET", "/api/v1/system/alerts?status=%E2%82%AC5", 400, "invalid_status");
        assertThat(error.path("message").asText()).contains("€5");
    }

    @Test
    void unknownPathIs404InTheErrorContract() {
        api.assertError("GET", "/api/v1/no/such/thing", 404, "not_found");
    }

    @Test
    void wrongMethodIs405InTheErrorContract() {
        api.assertError("DELETE", "/api/v1/system/health", 405, "method_not_allowed");
    }

    @Test
    void aControlCharacterInAParameterValueIs400NotADatabaseError() {
        api.assertError("GET", "/api/v1/market-data/gaps?symbol=%00", 400, "bad_request");
        api.assertError("GET", "/api/v1/market-data/symbols?exchange=bybit%0A", 400, "bad_request");
    }

    @Test
    void replayOfAnUnknownParkedMessageIs404AndANonNumericIdIs400() {
        api.assertError("POST", "/api/v1/system/parked/999999/replay", 404, "parked_message_not_found");
        api.assertError("POST", "/api/v1/system/parked/abc/replay", 400, "invalid_id");
    }

    @Test
    void theOpenApiDocumentListsTheSystemPaths() {
        assertThat(api.getOk("/api/v1/openapi.json").path("paths").has("/system/health")).isTrue();
    }
}
