package io.coinwatch.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import io.coinwatch.CoinwatchApplication;
import io.coinwatch.simulator.SimulatorServer;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.RawHttp;
import io.coinwatch.support.TestSymbols;

/**
 * The prod profile secured, over real HTTP: who may call what, login throttling, security headers, the audit trail.
 * Its own Spring context (the only one besides the shared test context), closed after this class: left in Spring's
 * context cache it would go on consuming the shared queues beside the shared context, with its own simulator and
 * collection scope, and take later tests' backfill requests and events from them.
 * prod combined with test keeps the test infrastructure but turns security on. Small pool and three roles (monitor for
 * the admin operations, market-data for the backfill request, fundamental-data for a vendor call with its API key),
 * to stay light next to the shared context. Distinctive secrets are configured, and the whole log must not show them.
 */
@SpringBootTest(classes = CoinwatchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "coinwatch.roles=monitor,market-data,fundamental-data",
        "coinwatch.security.admin.user=" + ProdSecurityTest.USER,
        "coinwatch.security.admin.password=" + ProdSecurityTest.PASSWORD,
        "coinwatch.fundamental.coingecko.api-key=" + ProdSecurityTest.COINGECKO_KEY,
        "coinwatch.fundamental.sentiment.twitter.api-key=" + ProdSecurityTest.TWITTER_KEY,
        "spring.datasource.password=" + ProdSecurityTest.DATABASE_PASSWORD,
        "spring.datasource.hikari.maximum-pool-size=4"})
@ActiveProfiles({"test", "prod"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ProdSecurityTest {

    static final String USER = "operator";
    static final String PASSWORD = "s3cure-test-passphrase";
    static final String COINGECKO_KEY = RepositorySecretsTest.CANARY_PREFIX + "coingecko-6c1e93f0";
    static final String TWITTER_KEY = RepositorySecretsTest.CANARY_PREFIX + "rapidapi-2b7d54aa";
    /** Accepted and ignored by the trust authentication of the test PostgreSQL, but handed to the driver. */
    static final String DATABASE_PASSWORD = RepositorySecretsTest.CANARY_PREFIX + "database-91fe0c3d";
    private static final String TRIED_PASSWORD = RepositorySecretsTest.CANARY_PREFIX + "intruder-4a0b";
    private static final String CAMEL_ROUTE_IDS = "/actuator/jolokia/read/org.apache.camel:context=*,type=routes,name=*/RouteId";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProducerTemplate camel;
    @Autowired SimulatorServer simulator;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void hawtioJolokiaAndTheActuatorNeedTheAdminLoginButHealthAndInfoDoNot() throws Exception {
        for (String path : new String[] {"/actuator/hawtio/index.html", CAMEL_ROUTE_IDS, "/actuator/prometheus"}) {
            HttpResponse<String> anonymous = api().send("GET", path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
            assertThat(api().send("GET", path, USER, "wrong-password-123").statusCode()).as(path).isEqualTo(401);
        }
        assertThat(api().send("GET", "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(api().send("GET", "/actuator/info").statusCode()).isEqualTo(200);
        // The dashboard and its chart library are public, as the GET API it reads.
        assertThat(api().send("GET", "/dashboard.html").statusCode()).isEqualTo(200);
        assertThat(api().send("GET", "/dashboard/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(api().send("GET", "/webjars/echarts/echarts.min.js").statusCode()).isEqualTo(200);

        assertThat(api().send("GET", "/actuator/hawtio/index.html", USER, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(api().send("GET", "/actuator/prometheus", USER, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void withTheAdminLoginJolokiaListsTheCamelRoutes() throws Exception {
        HttpResponse<String> routes = api().send("GET", CAMEL_ROUTE_IDS, USER, PASSWORD);
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("\"status\":200").contains("\"outbox-relay\"").contains("\"monitor-events\"");
    }

    @Test
    void hawtioGetsACsrfCookieAndItsJolokiaPostsWorkOnlyWithTheToken() throws Exception {
        HttpResponse<String> page = api().send("GET", "/actuator/hawtio/index.html", USER, PASSWORD);
        String token = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        String read = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=*,type=routes,name=*\",\"attribute\":\"RouteId\"}";

        HttpResponse<String> withoutToken = jolokiaPost(read, null);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> withToken = jolokiaPost(read, token);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("\"outbox-relay\"");
    }

    @Test
    void theApiIsOpenForReadingWhileAdminOperationsNeedTheLogin() throws Exception {
        HttpResponse<String> health = api().send("GET", "/api/v1/system/health");
        assertThat(health.statusCode()).isEqualTo(200);
        // Caching of API answers stays the gateway's: Spring Security's no-store is for the admin side only.
        assertThat(health.headers().allValues("Cache-Control").toString()).doesNotContain("no-store");
        assertThat(api().send("GET", "/actuator/prometheus", USER, PASSWORD).headers().allValues("Cache-Control").toString())
                .contains("no-store");
        assertThat(api().send("GET", "/api/v1/market-data/symbols").statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = api().send("POST", "/api/v1/system/parked/999999/replay");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"unauthorized\"");
        // With the login the operation runs (no CSRF token needed for the stateless API): the message does not exist.
        HttpResponse<String> admin = api().send("POST", "/api/v1/system/parked/999999/replay", USER, PASSWORD);
        assertThat(admin.statusCode()).isEqualTo(404);
        assertThat(admin.body()).contains("parked_message_not_found");
    }

    @Test
    void everyWriteOperationOfTheApiNeedsTheLogin() {
        // Listed but launching tomorrow: its backfill has nothing to fetch, so the request's effect is just the
        // progress row the consumer writes, with no exchange call.
        int symbolId = TestSymbols.ensure(jdbc, "SECTEST", System.currentTimeMillis() + Duration.ofDays(1).toMillis());
        jdbc.update("UPDATE symbol SET active = true, delisted_at = NULL WHERE id = ?", symbolId);
        jdbc.update("DELETE FROM backfill_progress WHERE symbol_id = ?", symbolId);
        String backfill = "/api/v1/market-data/backfill/SECTESTUSDT?exchange=bybit";
        String collection = "/api/v1/market-data/symbols/SECTESTUSDT/collection?exchange=bybit";
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            for (String path : new String[] {backfill, collection, "/api/v1/system/parked/1/replay", "/api/v1/system/legacy-import",
                    "/api/v1/system/health", "/api/v1/no/such/thing"}) {
                HttpResponse<String> anonymous = api().send(method, path);
                assertThat(anonymous.statusCode()).as("%s %s", method, path).isEqualTo(401);
                assertThat(ApiClient.json(anonymous).path("error").path("status").asInt()).isEqualTo(401);
            }
        }
        assertThat(api().send("POST", backfill, USER, "wrong-password-123").statusCode()).isEqualTo(401);
        assertThat(api().send("HEAD", "/api/v1/system/health").statusCode()).isEqualTo(200);

        try {
            HttpResponse<String> admin = api().send("POST", backfill, USER, PASSWORD);
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(202);
            assertThat(ApiClient.json(admin).path("status").asText()).isEqualTo("requested");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE operation = 'backfill.request' AND username = ? "
                    + "AND target = 'bybit:SECTESTUSDT' AND outcome = 'succeeded'", Integer.class, USER)).isEqualTo(1);
            // The event went through the outbox and the broker to the backfill consumer; the refused requests sent none.
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM backfill_progress WHERE symbol_id = ? AND status = 'done'", Integer.class, symbolId) == 1);
            assertThat(api().send("DELETE", collection, USER, PASSWORD).statusCode()).isEqualTo(200);
            assertThat(api().send("PUT", collection, USER, PASSWORD).statusCode()).isEqualTo(200);
        } finally {
            // Delisted, so the market-data tests that check every active symbol's backfill leave it alone; and not pinned,
            // so a collection scope decides it as any other symbol (CollectionScopeTest lists the collected ones).
            jdbc.update("UPDATE symbol SET active = false, delisted_at = now(), collection_override = NULL, collection_override_at = NULL "
                    + "WHERE id = ?", symbolId);
        }
    }

    /** The capture started before this class's context, so it holds the start-up log as well. */
    @Test
    void noConfiguredSecretAppearsInTheLog(CapturedOutput output) throws IOException {
        assertThat(api().send("GET", "/actuator/prometheus", USER, TRIED_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(api().send("GET", "/actuator/prometheus", "intruder", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(api().send("POST", "/api/v1/system/parked/1/replay", USER, TRIED_PASSWORD).statusCode()).isEqualTo(401);
        // A CoinGecko call, which sends the API key in its header.
        long calls = simulator.requestLog().count("/api/v3/coins/list");
        assertThat(camel.requestBody("direct:coingecko-coins-list", null, List.class)).isNotEmpty();
        assertThat(simulator.requestLog().count("/api/v3/coins/list")).isEqualTo(calls + 1);

        // The console shows warnings only (logback-test.xml); the suite's whole log is in its file.
        String log = output.getAll() + Files.readString(Path.of("target/logs/tests.log"));
        assertThat(log).as("the capture holds the start-up log").contains("Started ProdSecurityTest");
        for (String secret : List.of(PASSWORD, COINGECKO_KEY, TWITTER_KEY, DATABASE_PASSWORD, TRIED_PASSWORD)) {
            assertThat(log).as("the log (%d characters) shows a secret", log.length()).doesNotContain(secret);
        }
    }

    @Test
    void prodRefusesToStartWithoutCredentialsOrWithAWeakPassword() {
        assertThatThrownBy(() -> start("", ""))
                .isInstanceOf(WeakAdminCredentialsException.class).hasMessageContaining("COINWATCH_ADMIN_USER and COINWATCH_ADMIN_PASSWORD");
        assertThatThrownBy(() -> start("admin", "short"))
                .isInstanceOf(WeakAdminCredentialsException.class).hasMessageContaining("shorter than 12");
        assertThatThrownBy(() -> start("admin", "changeme-please"))
                .isInstanceOf(WeakAdminCredentialsException.class).hasMessageContaining("default or guessable")
                .message().doesNotContain("changeme-please");

        FailureAnalysis analysis = new AdminCredentialsFailureAnalyzer().analyze(new WeakAdminCredentialsException("why"));
        assertThat(analysis.getDescription()).endsWith("why");
        assertThat(analysis.getAction()).contains("COINWATCH_ADMIN_USER", "COINWATCH_ADMIN_PASSWORD");
    }

    @Test
    void operatorViewsNeedTheAdminLoginAndItsAnswersAreNotStored() {
        for (String path : new String[] {"/api/v1/system/parked", "/api/v1/system/parked?all=true", "/api/v1/system/services",
                "/api/v1/system/metrics", "/api/v1/system/alerts", "/api/v1/system/audit"}) {
            api().assertError("GET", path, 401, "unauthorized");
            HttpResponse<String> admin = api().send("GET", path, USER, PASSWORD);
            assertThat(admin.statusCode()).as(path).isEqualTo(200);
            assertThat(admin.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
    }

    @Test
    void healthShowsItsComponentsToTheAdminOnly() {
        HttpResponse<String> anonymous = api().send("GET", "/api/v1/system/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(anonymous).path("status").asText()).isIn("UP", "DEGRADED");
        assertThat(ApiClient.json(anonymous).has("components")).as(anonymous.body()).isFalse();
        HttpResponse<String> admin = api().send("GET", "/api/v1/system/health", USER, PASSWORD);
        assertThat(ApiClient.json(admin).path("components").path("database").path("status").asText()).isEqualTo("UP");

        assertThat(ApiClient.json(api().send("GET", "/actuator/health")).has("components")).isFalse();
        assertThat(ApiClient.json(api().send("GET", "/actuator/health", USER, PASSWORD)).has("components")).isTrue();
    }

    /** From 127.0.0.2 and 127.0.0.3, so the other tests' failed logins (from 127.0.0.1) do not count here. */
    @Test
    void theEleventhFailedLoginFromAnAddressIs429WhileOtherAddressesStillLogIn(CapturedOutput output) throws Exception {
        RawHttp guesser = new RawHttp(port, "127.0.0.2");
        for (int i = 1; i <= 10; i++) {
            RawHttp.Response refused = guesser.send("POST", "/api/v1/market-data/backfill/BTCUSDT", basic(USER, "guess-" + i), null);
            assertThat(refused.status()).as("attempt %d", i).isEqualTo(401);
        }
        for (String password : new String[] {"guess-11", PASSWORD}) {
            RawHttp.Response throttled = guesser.send("GET", "/api/v1/system/services", basic(USER, password), null);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 300L);
            assertThat(throttled.body()).contains("\"code\":\"too_many_failed_logins\"").contains("\"status\":429");
        }
        // Hawtio and the actuator are behind the same throttle.
        assertThat(guesser.send("GET", "/actuator/prometheus", basic(USER, PASSWORD), null).status()).isEqualTo(429);
        // Without credentials the address still reads the open API.
        assertThat(guesser.send("GET", "/api/v1/market-data/symbols", null, null).status()).isEqualTo(200);

        RawHttp other = new RawHttp(port, "127.0.0.3");
        assertThat(other.send("GET", "/api/v1/system/services", basic(USER, PASSWORD), null).status()).isEqualTo(200);
        assertThat(output.getAll()).containsOnlyOnce("Failed login from 127.0.0.2;").doesNotContain("guess-");
    }

    /** Each is a 401 in the error contract and a failed login: after ten of them the address is throttled. */
    @Test
    void malformedAuthorizationHeadersAre401AndCountAsFailures() throws Exception {
        RawHttp client = new RawHttp(port, "127.0.0.4");
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, ':', (byte) 0xc3, (byte) 0x28};
        List<String> headers = List.of("Basic !!!not-base64!!!", "Basic " + base64("no-colon-here".getBytes(StandardCharsets.UTF_8)),
                "Basic " + base64((USER + ":" + "x".repeat(7_600)).getBytes(StandardCharsets.UTF_8)),
                "Basic " + base64(notUtf8), "Basic \u00ff\u00fe", "Bearer some-token", "Basic", "Basic " + base64(":".getBytes(StandardCharsets.UTF_8)),
                "Basic " + base64((USER + ":" + "p".repeat(100)).getBytes(StandardCharsets.UTF_8)), "x".repeat(9_000));
        for (String header : headers) {
            RawHttp.Response refused = client.send("GET", "/api/v1/market-data/symbols", java.util.Map.of("Authorization", header), null);
            String shown = header.substring(0, Math.min(30, header.length())) + " (" + header.length() + ")";
            assertThat(refused.status()).as(shown).isEqualTo(401);
            assertThat(refused.header("Content-Type")).as(shown).startsWith("application/json");
            assertThat(refused.body()).as(shown).contains("\"status\":401");
        }
        assertThat(client.send("GET", "/api/v1/market-data/symbols", basic(USER, PASSWORD), null).status()).isEqualTo(429);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        HttpResponse<String> apiAnswer = api().send("GET", "/api/v1/market-data/symbols");
        HttpResponse<String> error = api().send("GET", "/api/v1/no/such/thing");
        HttpResponse<String> hawtio = api().send("GET", "/actuator/hawtio/index.html", USER, PASSWORD);
        assertThat(hawtio.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        for (HttpResponse<String> answer : List.of(apiAnswer, error, hawtio)) {
            String shown = answer.uri().getPath() + " " + answer.headers().map();
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(shown).hasValue("nosniff");
            assertThat(answer.headers().allValues("Content-Security-Policy")).as(shown).hasSize(1);
            assertThat(answer.headers().firstValue("Content-Security-Policy").orElse("")).as(shown).contains("default-src 'self'");
            assertThat(answer.headers().allValues("X-Frame-Options")).as(shown).containsAnyOf("SAMEORIGIN", "DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(shown).isPresent();
            // HSTS only over HTTPS (TlsTest).
            assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(shown).isEmpty();
        }
        // Ours; Hawtio's own are made for its console (checked in a browser, see docs/security.md).
        for (HttpResponse<String> answer : List.of(apiAnswer, error)) {
            assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
            assertThat(answer.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("frame-ancestors 'self'").contains("object-src 'none'");
        }
        // Hawtio's own cache headers: private, revalidated on every use.
        assertThat(hawtio.headers().firstValue("Cache-Control").orElse("")).contains("no-cache").contains("private");
        assertThat(apiAnswer.headers().firstValue("Cache-Control").orElse("")).doesNotContain("no-store");
    }

    @Test
    void everyWriteOperationLeavesAnAuditEntryWithItsUserAndAnEvent() {
        long before = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM audit_log", Long.class);
        assertThat(api().send("POST", "/api/v1/system/parked/987654/replay", USER, PASSWORD).statusCode()).isEqualTo(404);
        assertThat(api().send("POST", "/api/v1/market-data/backfill/NOSUCHCOINUSDT?exchange=bybit", USER, PASSWORD).statusCode()).isEqualTo(404);

        JsonNode audit = ApiClient.json(api().send("GET", "/api/v1/system/audit?limit=10", USER, PASSWORD)).path("audit");
        List<JsonNode> mine = new java.util.ArrayList<>();
        audit.forEach(entry -> {
            if (entry.path("id").asLong() > before) {
                mine.add(entry);
            }
        });
        assertThat(mine).hasSize(2);
        JsonNode backfill = mine.get(0);
        assertThat(backfill.path("operation").asText()).isEqualTo("backfill.request");
        assertThat(backfill.path("target").asText()).isEqualTo("bybit:NOSUCHCOINUSDT");
        assertThat(backfill.path("outcome").asText()).startsWith("failed: No symbol");
        JsonNode replay = mine.get(1);
        assertThat(replay.path("operation").asText()).isEqualTo("parked.replay");
        assertThat(replay.path("target").asText()).isEqualTo("parked:987654");
        for (JsonNode entry : mine) {
            assertThat(entry.path("user").asText()).isEqualTo(USER);
            assertThat(entry.path("client").asText()).isEqualTo("127.0.0.1");
            assertThat(entry.path("time").asLong()).isGreaterThan(System.currentTimeMillis() - 60_000);
        }
        // Published as system.audit: the monitor role of this context stores what it consumes.
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM monitor_event WHERE type = 'system.audit' AND (data->>'id')::bigint > ?", Integer.class, before) == 2);
    }

    private static java.util.Map<String, String> basic(String user, String password) {
        return java.util.Map.of("Authorization", "Basic " + base64((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A POST as Hawtio's console sends it: basic login, and the CSRF token as cookie and header when it has one. */
    private HttpResponse<String> jolokiaPost(String body, String csrfToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/jolokia"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrfToken != null) {
            request.header("Cookie", "XSRF-TOKEN=" + csrfToken).header("X-XSRF-TOKEN", csrfToken);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Fails in AdminCredentialsCheck, before any database, broker or port is touched. */
    private static void start(String user, String password) {
        // Command-line arguments, so they outrank the ${COINWATCH_ADMIN_*} placeholders of application.yaml.
        new SpringApplicationBuilder(CoinwatchApplication.class).profiles("prod")
                .run("--coinwatch.security.admin.user=" + user, "--coinwatch.security.admin.password=" + password).close();
    }
}
