package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;

/**
 * The published contracts of a running app: /api/v1/openapi.json parses without a message under swagger-parser (the
 * JDK-only check) and is typed throughout; both documents pass the standard npm validators (.ci/validate-contracts)
 * wherever npm is installed, which CI requires; and /api/v1/docs serves Swagger UI from the jar.
 */
@CoinwatchIntegrationTest
class ApiDocumentsTest {

    private static final List<String> WRITE_AND_OPERATOR_OPERATIONS = List.of("api-market-backfill-request",
            "api-market-symbol-pin", "api-market-symbol-drop",
            "api-system-parked-replay", "api-system-parked", "api-system-services", "api-system-metrics", "api-system-alerts", "api-system-audit",
            "api-system-legacy-import-start");

    @LocalServerPort int port;
    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private OpenAPI document() {
        HttpResponse<String> response = api.send("GET", "/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body());
        assertThat(parsed.getMessages()).as("swagger-parser messages").isEmpty();
        return parsed.getOpenAPI();
    }

    @Test
    void everyOperationIsTypedDescribedAndAnswersErrorsInTheErrorSchema() {
        OpenAPI doc = document();
        assertThat(doc.getServers()).singleElement().satisfies(s -> assertThat(s.getUrl()).isEqualTo("/api/v1"));
        assertThat(doc.getInfo().getLicense().getName()).isNotBlank();
        assertThat(doc.getInfo().getContact().getName()).isNotBlank();
        assertThat(doc.getComponents().getSecuritySchemes().get("basic").getScheme()).isEqualTo("basic");
        assertThat(doc.getComponents().getSchemas()).containsKeys("Error", "KlinePage", "IndicatorSeries", "SymbolInfo");

        List<String> operations = new ArrayList<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            operations.add(op.getOperationId());
            assertThat(op.getSummary()).as("%s %s summary", method, path).isNotBlank();
            op.getResponses().forEach((code, response) -> {
                assertThat(response.getDescription()).as("%s %s %s description", method, path, code).isNotBlank();
                MediaType json = response.getContent() == null ? null : response.getContent().get("application/json");
                assertThat(json).as("%s %s %s content", method, path, code).isNotNull();
                if (code.startsWith("2")) {
                    assertThat(json.getSchema().get$ref()).as("%s %s %s schema", method, path, code).startsWith("#/components/schemas/");
                } else if ("api-system-health".equals(op.getOperationId()) && code.equals("503")) {
                    // DOWN answers the health document itself; a failure before it is built answers the Error body.
                    String report = op.getResponses().get("200").getContent().get("application/json").getSchema().get$ref();
                    List<String> refs = ((List<?>) json.getSchema().getAnyOf()).stream().map(a -> ((Schema<?>) a).get$ref()).toList();
                    assertThat(refs).containsExactly(report, "#/components/schemas/Error");
                } else {
                    assertThat(json.getSchema().get$ref()).isEqualTo("#/components/schemas/Error");
                }
            });
            assertThat(op.getResponses().keySet()).as("%s %s", method, path).anyMatch(code -> code.startsWith("2"))
                    .contains("500", "503").doesNotContain("default");
            boolean secured = WRITE_AND_OPERATOR_OPERATIONS.contains(op.getOperationId());
            assertThat(op.getSecurity()).as("%s %s security", method, path).hasSize(secured ? 1 : 0);
            if (secured) {
                assertThat(op.getSecurity().get(0)).containsOnlyKeys("basic");
            }
            if (secured) {
                assertThat(op.getResponses()).containsKey("401");
            }
            if (op.getParameters() != null) {
                assertThat(op.getResponses()).containsKey("400");
            }
        }));
        assertThat(operations).containsAll(WRITE_AND_OPERATOR_OPERATIONS).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void parametersCarryTheirTypesEnumsAndRanges() {
        Operation klines = document().getPaths().get("/market-data/klines/{symbol}").getGet();
        var interval = param(klines, "interval");
        assertThat(interval.getSchema().getEnum()).contains("5m", "1h", "1d", "1w");
        var limit = param(klines, "limit");
        assertThat(limit.getSchema().getType()).isEqualTo("integer");
        assertThat(limit.getSchema().getDefault()).isEqualTo(200);
        assertThat(limit.getSchema().getMinimum()).isEqualByComparingTo("1");
        assertThat(limit.getSchema().getMaximum()).isEqualByComparingTo("1000");
        ApiResponse ok = klines.getResponses().get("200");
        assertThat(ok.getContent().get("application/json").getExamples()).isNotEmpty();

        Operation indicator = document().getPaths().get("/market-data/indicators/{symbol}/{name}").getGet();
        assertThat(param(indicator, "name").getSchema().getEnum()).contains("rsi", "macd");
        assertThat(indicator.getResponses().get("200").getContent().get("application/json").getExamples()).isNotEmpty();
        assertThat(param(document().getPaths().get("/market-data/gaps").getGet(), "status").getSchema().getEnum())
                .containsExactly("open", "repaired", "unfillable");
    }

    private static io.swagger.v3.oas.models.parameters.Parameter param(Operation op, String name) {
        return op.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void bothDocumentsPassTheStandardValidators() throws Exception {
        boolean npm = onPath("npm");
        // A user's machine may have only a JDK; CI sets COINWATCH_REQUIRE_NPM so the validators cannot be skipped there.
        if (!npm && "true".equals(System.getenv("COINWATCH_REQUIRE_NPM"))) {
            throw new AssertionError("npm is required (COINWATCH_REQUIRE_NPM=true) but not installed");
        }
        Assumptions.assumeTrue(npm, "npm is not installed: the standard validators are skipped (swagger-parser still ran)");
        Process run = new ProcessBuilder(".ci/validate-contracts", "http://localhost:" + port).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("Woohoo! Your API description is valid.").contains("valid AsyncAPI");
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
    }

    @Test
    void theDocsPageIsSwaggerUiFromTheJarOnThisServersDocument() {
        HttpResponse<String> page = api.send("GET", "/api/v1/docs/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(api.send("GET", "/api/v1/docs").statusCode()).isEqualTo(302);
        assertThat(api.send("GET", "/api/v1/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(api.send("GET", "/api/v1/docs/swagger-initializer.js").body()).contains("/api/v1/openapi.json");
    }
}
