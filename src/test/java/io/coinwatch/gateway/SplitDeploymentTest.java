package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.CoinwatchApplication;
import io.coinwatch.core.api.OpenApiDocument;
import io.coinwatch.core.model.Candle;
import io.coinwatch.core.roles.InstanceIdentity;
import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.CandleStore;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.SseClient;
import io.coinwatch.support.TestSymbols;

/**
 * The roles split as in docker-compose.yml: market-data, monitor and a gateway-only process, each a Spring context of
 * its own on its own port in this JVM, sharing the test database and broker, and a stand-in instance of the
 * fundamental-data role. The gateway forwards every API group to its role, events cross processes through RabbitMQ,
 * a role that stops answering trips its circuit, and a stopped role answers 503 until it is back. These contexts
 * are not the suite's shared one (they must run different roles); every one of them is closed at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitDeploymentTest {

    private static final String SYMBOL = "SPLITTESTUSDT";
    private static final long MONDAY = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private static ConfigurableApplicationContext marketData;
    private static int marketDataPort;
    private static ApiClient gateway;
    private static String gatewayUrl;
    private static EchoInstance fundamental;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheRolesApart() {
        marketData = start("market-data", 0);
        marketDataPort = port(marketData);
        seed(marketData);
        ConfigurableApplicationContext monitor = start("monitor", 0);
        // No fundamental-data role exists on this branch yet: a stand-in instance shows what a forwarded request carries.
        fundamental = new EchoInstance();
        ConfigurableApplicationContext gatewayContext = start("gateway", 0,
                "--coinwatch.gateway.services.market-data.base-urls=http://127.0.0.1:" + marketDataPort,
                "--coinwatch.gateway.services.monitor.base-urls=http://127.0.0.1:" + port(monitor),
                "--coinwatch.gateway.services.fundamental-data.base-urls=" + fundamental.baseUrl(),
                "--coinwatch.gateway.forwarding.health-check-interval=1s",
                "--coinwatch.gateway.forwarding.response-timeout=500ms",
                // A circuit that opens after three failed calls and tries again after two seconds.
                "--camel.resilience4j.configurations.gateway.minimum-number-of-calls=3",
                "--camel.resilience4j.configurations.gateway.sliding-window-size=3",
                "--camel.resilience4j.configurations.gateway.wait-duration-in-open-state=2");
        gatewayUrl = "http://localhost:" + port(gatewayContext);
        gateway = new ApiClient(port(gatewayContext));
    }

    @AfterAll
    static void closeEveryContext() {
        contexts.forEach(ConfigurableApplicationContext::close);
        if (fundamental != null) {
            fundamental.close();
        }
    }

    @Test
    @Order(0)
    void theGatewayOnlyProcessServesTheDocumentOfTheWholeApi() {
        // Its own REST DSL has no operation; the document holds those of the roles it forwards to, fetched from them.
        assertThat(ApiClient.json(gateway.send("GET", "/api/v1/openapi.json?" + OpenApiDocument.LOCAL_SCOPE)).path("paths").size()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode document = ApiClient.json(gateway.send("GET", "/api/v1/openapi.json"));
            assertThat(document.path("paths").has("/market-data/klines/{symbol}")).isTrue();
            assertThat(document.path("paths").has("/system/health")).isTrue();
            assertThat(document.path("components").path("schemas").has("KlinePage")).isTrue();
            assertThat(document.path("components").path("schemas").has("HealthReport")).isTrue();
            assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo("/api/v1");
        });
    }

    @Test
    @Order(1)
    void theGatewayForwardsEachGroupToTheRoleThatServesIt() {
        // The market-data process serves its own group only: the split is real.
        new ApiClient(marketDataPort).assertError("GET", "/api/v1/system/health", 404, "not_found");

        JsonNode symbols = gateway.getOk("/api/v1/market-data/symbols");
        assertThat(symbols.path("symbols").findValuesAsText("symbol")).contains(SYMBOL);
        gateway.assertError("GET", "/api/v1/market-data/symbols/NOPEUSDT", 404, "unknown_symbol");

        String klines = "/api/v1/market-data/klines/" + SYMBOL + "?interval=1h&limit=3&start=" + MONDAY;
        HttpResponse<String> first = gateway.send("GET", klines);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode candles = ApiClient.json(first).path("klines");
        assertThat(candles).hasSize(3);
        assertThat(candles.get(0).path("openTime").asLong()).isEqualTo(MONDAY);
        assertThat(candles.get(1).path("openTime").asLong()).isEqualTo(MONDAY + 3_600_000);
        // The gateway's own front stays in front of forwarded groups.
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).isPresent();
        assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(gateway.send("GET", klines).headers().firstValue("X-Cache")).hasValue("HIT");
        gateway.assertError("GET", "/api/v1/market-data/klines/" + SYMBOL + "?interval=7m", 400, "invalid_interval");

        JsonNode health = gateway.getOk("/api/v1/system/health");
        assertThat(health.path("components").path("database").path("status").asText()).isEqualTo("UP");
        gateway.assertError("GET", "/api/v1/system/alerts?status=bogus", 400, "invalid_status");
        gateway.assertError("POST", "/api/v1/system/parked/987654321/replay", 404, "parked_message_not_found");

    }

    @Test
    @Order(2)
    void aForwardedRequestKeepsMethodPathQueryBodyAndTheHeadersThatMatter() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/fundamental/notes/a%20b?x=1&y=two%2Fthree"))
                .method("PUT", HttpRequest.BodyPublishers.ofString("{\"note\":\"hi\"}"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer t0ken").header("X-API-Key", GatewayFrontTest.API_KEY).header("X-Internal-Hop", "drop me")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode seen = ApiClient.json(response);
        assertThat(seen.path("method").asText()).isEqualTo("PUT");
        assertThat(seen.path("path").asText()).isEqualTo("/api/v1/fundamental/notes/a%20b");
        assertThat(seen.path("query").asText()).isEqualTo("x=1&y=two%2Fthree");
        assertThat(seen.path("body").asText()).isEqualTo("{\"note\":\"hi\"}");
        JsonNode headers = seen.path("headers");
        assertThat(headers.path("content-type").asText()).startsWith("application/json");
        assertThat(headers.path("authorization").asText()).isEqualTo("Bearer t0ken");
        assertThat(headers.path("x-api-key").asText()).isEqualTo(GatewayFrontTest.API_KEY);
        assertThat(headers.has("x-internal-hop")).as("unknown request headers stay behind: %s", headers).isFalse();
        assertThat(headers.has("x")).as("query parameters are not sent as headers: %s", headers).isFalse();
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(response.headers().firstValue("X-Instance-Internal")).isEmpty();

        // The role's own 503 is its answer: passed on at once, not held for its Retry-After and sent again.
        fundamental.status(503);
        try {
            long start = System.nanoTime();
            HttpResponse<String> unavailable = gateway.send("GET", "/api/v1/fundamental/metadata/BTCUSDT");
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(ApiClient.json(unavailable).path("path").asText()).isEqualTo("/api/v1/fundamental/metadata/BTCUSDT");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            fundamental.status(202);
        }
    }

    @Test
    @Order(3)
    void aRoleThatStopsAnsweringOpensItsCircuitAnd503sUntilItAnswersAgain() {
        fundamental.delay(1500);
        JsonNode timedOut = gateway.assertError("GET", "/api/v1/fundamental/metadata/BTCUSDT", 503, "role_unavailable");
        assertThat(timedOut.path("message").asText()).contains("did not answer in time");
        // Failures in most of the last three calls open the circuit: from then on the gateway answers at once.
        HttpResponse<String> open = gateway.send("GET", "/api/v1/fundamental/metadata/BTCUSDT");
        for (int i = 0; i < 3 && !open.body().contains("circuit is open"); i++) {
            open = gateway.send("GET", "/api/v1/fundamental/metadata/BTCUSDT");
        }
        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(ApiClient.json(open).path("error").path("message").asText()).contains("circuit is open");
        assertThat(open.headers().firstValue("Retry-After")).hasValue("2");

        fundamental.delay(0);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.send("GET", "/api/v1/fundamental/metadata/BTCUSDT").statusCode() == 202);
    }

    @Test
    @Order(4)
    void eventsCrossFromTheMarketDataProcessToTheMonitorThroughTheBroker() {
        String marketDataInstance = marketData.getBean(InstanceIdentity.class).instanceId();
        // Its system.status goes out through its outbox and RabbitMQ; only a monitor consumer stores it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode services = gateway.getOk("/api/v1/system/services").path("services");
            JsonNode entry = StreamSupport.stream(services.spliterator(), false)
                    .filter(s -> marketDataInstance.equals(s.path("instanceId").asText())).findFirst().orElse(null);
            assertThat(entry).as("market-data process %s in %s", marketDataInstance, services).isNotNull();
            assertThat(entry.path("roles").toString()).isEqualTo("[\"market-data\"]");
            assertThat(entry.path("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    @Order(4)
    void theStreamPassesThroughTheGatewayAsItArrives() {
        int gatewayPort = URI.create(gatewayUrl).getPort();
        long cursor = MONDAY + 100 * CandleInterval.BASE_MILLIS;
        try (SseClient stream = SseClient.open(gatewayPort, "symbols=" + SYMBOL + "&interval=5m", Long.toString(cursor))) {
            // The candles after the Last-Event-ID, then heartbeats: the relay passes each as it comes, not at the end.
            await().atMost(Duration.ofSeconds(15)).until(() -> stream.events("candle").size() == 7 && stream.comments() >= 1);
            assertThat(stream.events("ready")).hasSize(1);
            assertThat(stream.events("candle").get(6).id()).isEqualTo(Long.toString(MONDAY + 107 * CandleInterval.BASE_MILLIS));
        }
        HttpResponse<java.util.stream.Stream<String>> refused = SseClient.connect(URI.create(gatewayUrl).getPort(), "symbols=NOPEUSDT", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        refused.body().close();
    }

    @Test
    @Order(5)
    void aStoppedRoleAnswers503WithRetryAfterAndRecoversByItselfWhenItReturns() {
        marketData.close();
        contexts.remove(marketData);

        JsonNode error = gateway.assertError("GET", "/api/v1/market-data/symbols", 503, "role_unavailable");
        assertThat(error.path("message").asText()).contains("market-data");
        assertThat(gateway.send("GET", "/api/v1/market-data/symbols").headers().firstValue("Retry-After")).hasValue("1");
        assertThat(gateway.send("GET", "/api/v1/system/health").statusCode()).as("other groups are unaffected").isEqualTo(200);

        marketData = start("market-data", marketDataPort);
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.send("GET", "/api/v1/market-data/symbols").statusCode() == 200);
        System.out.printf("[split] the gateway served market-data again %d ms after the role was back%n",
                (System.nanoTime() - back) / 1_000_000);
        assertThat(gateway.getOk("/api/v1/market-data/symbols/" + SYMBOL).path("symbol").asText()).isEqualTo(SYMBOL);
    }

    private static ConfigurableApplicationContext start(String roles, int port, String... extra) {
        List<String> args = new ArrayList<>(List.of("--coinwatch.roles=" + roles, "--server.port=" + port,
                // Several contexts in one JVM: Spring's MBeans need names of their own.
                "--spring.jmx.unique-names=true", "--spring.datasource.hikari.maximum-pool-size=5"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CoinwatchApplication.class)
                .profiles("test").run(args.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static void seed(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        int id = TestSymbols.ensureUnlisted(jdbc, "SPLITTEST", MONDAY);
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 12 * 9; i++) { // nine whole hours
            BigDecimal open = BigDecimal.valueOf(100 + i % 5);
            candles.add(new Candle(MONDAY + i * CandleInterval.BASE_MILLIS, open, open.add(BigDecimal.ONE),
                    open.subtract(BigDecimal.ONE), open, BigDecimal.TEN, BigDecimal.ONE));
        }
        context.getBean(CandleStore.class).write(id, candles);
    }
}
