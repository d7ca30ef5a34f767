package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.TestSymbols;

/** The gateway's HTTP front over real HTTP: rate limits, response cache with eviction, ETag, CORS. */
@CoinwatchIntegrationTest
class GatewayFrontTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventOutbox outbox;
    @Autowired ResponseCache cache;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void symbol() {
        TestSymbols.ensureUnlisted(jdbc, "CACHETEST", Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
    }

    /** The key configured in the test profile (coinwatch.gateway.api-keys). */
    static final String API_KEY = "test-client-key-0001";

    @Test
    void everyResponseCarriesTheBudgetAndABreachIs429WithRetryAfter() throws Exception {
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> ok = get("/api/v1/test-limited/anything", Map.of("X-API-Key", API_KEY));
            assertThat(ok.statusCode()).isEqualTo(404);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(5 - i));
            assertThat(Long.parseLong(ok.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                    .isGreaterThanOrEqualTo(Instant.now().getEpochSecond());
        }
        HttpResponse<String> limited = get("/api/v1/test-limited/anything", Map.of("X-API-Key", API_KEY));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(ApiClient.json(limited).path("error").path("code").asText()).isEqualTo("rate_limited");
        // The same client without its key is counted by its address: another budget.
        assertThat(get("/api/v1/test-limited/anything", Map.of()).statusCode()).isEqualTo(404);
        // Other groups are counted apart.
        assertThat(get("/api/v1/system/health", Map.of("X-API-Key", API_KEY)).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownOrMalformedApiKeyIs401AndNeverAFreshBudget() throws Exception {
        for (String key : new String[] {UUID.randomUUID().toString(), API_KEY + "x", "x".repeat(300), "key with spaces", "k\u00e9y"}) {
            HttpResponse<String> refused = get("/api/v1/system/health", Map.of("X-API-Key", key));
            assertThat(refused.statusCode()).as(key).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(ApiClient.json(refused).path("error").path("code").asText()).isEqualTo("invalid_api_key");
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
        }
    }

    @Test
    void klineReadsAreCachedUntilMarketUpdatedDropsThem() throws Exception {
        String path = "/api/v1/market-data/klines/CACHETESTUSDT?interval=1h&limit=5&start=" + Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        HttpResponse<String> first = get(path, Map.of());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=10");
        HttpResponse<String> second = get(path, Map.of());
        assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        // A different parameter is a different entry.
        assertThat(get(path + "&exchange=bybit", Map.of()).headers().firstValue("X-Cache")).hasValue("MISS");

        outbox.publish(EventTypes.MARKET_UPDATED, Map.of("exchange", "bybit", "symbol", "CACHETESTUSDT", "interval", "5m"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "MISS".equals(get(path, Map.of()).headers().firstValue("X-Cache").orElse("")));
    }

    @Test
    void anEtagLetsClientsRevalidate() throws Exception {
        HttpResponse<String> first = get("/api/v1/market-data/symbols", Map.of());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/api/v1/market-data/symbols", Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void corsAllowsTheConfiguredOriginOnly() throws Exception {
        HttpResponse<String> allowed = get("/api/v1/system/health", Map.of("Origin", "https://dashboard.example.com"));
        assertThat(allowed.statusCode()).as(allowed.headers().map().toString()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://dashboard.example.com");
        HttpResponse<String> refused = get("/api/v1/system/health", Map.of("Origin", "https://evil.example.net"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void allInOneTheHealthShowsEveryGroupServedInThisProcess() {
        JsonNode gateway = new ApiClient(port).getOk("/api/v1/system/health").path("components").path("gateway");
        assertThat(gateway.path("status").asText()).isEqualTo("UP");
        for (String role : new String[] {"market-data", "fundamental-data", "monitor"}) {
            assertThat(gateway.path("details").path("roles").path(role).path("servedBy").asText()).as(role).isEqualTo("local");
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
