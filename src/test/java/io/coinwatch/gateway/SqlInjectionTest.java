package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.DatabaseFingerprint;
import io.coinwatch.support.TestSymbols;

/**
 * Classic SQL injection strings through every path and query parameter of every operation the OpenAPI document
 * lists. Each must be refused in the error contract, or answered 200 exactly as a harmless value that matches
 * nothing would be (same number of rows: nothing leaked), and the database must be unchanged.
 */
@CoinwatchIntegrationTest
class SqlInjectionTest {

    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "' OR 1=1 --", "1 OR 1=1", "1; DROP TABLE candle;--",
            "'); DELETE FROM symbol;--", "\\' UNION SELECT id, symbol, exchange FROM symbol --", "' UNION SELECT NULL, version() --",
            "1' AND pg_sleep(5) IS NULL --", "\" OR \"\"=\"", "%' OR '%'='", "bybit' --", "x'::text; UPDATE symbol SET active = false; --");
    /** What an injection string is compared with: a value of no special meaning that matches nothing. */
    private static final String HARMLESS = "nosuchvalue";
    private static final long LAUNCH = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    private record Parameter(String method, String path, String name, boolean inPath) {
    }

    @Test
    void injectionStringsInEveryParameterAreRefusedOrHarmlessAndChangeNothing() throws Exception {
        // Rows an injection could leak or destroy, whatever ran before this test: a delisted symbol and a repaired gap,
        // which the flows and the other tests' checks of active symbols and open gaps leave alone.
        int symbolId = TestSymbols.ensureUnlisted(jdbc, "SQLITEST", LAUNCH);
        jdbc.update("UPDATE symbol SET active = false, delisted_at = now() WHERE id = ?", symbolId);
        jdbc.update("""
                INSERT INTO candle_gap (symbol_id, interval_minutes, gap_start, gap_end, status) VALUES (?, 5, ?, ?, 'repaired')
                ON CONFLICT DO NOTHING""", symbolId, Timestamp.from(Instant.ofEpochMilli(LAUNCH)), Timestamp.from(Instant.ofEpochMilli(LAUNCH)));
        ApiClient api = new ApiClient(port);
        List<Parameter> parameters = parameters(api);
        assertThat(parameters).extracting(Parameter::name).contains("symbol", "exchange", "id", "limit", "start", "status");
        Map<String, String> before = DatabaseFingerprint.settled(jdbc, Duration.ofSeconds(6), Duration.ofSeconds(90));

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Parameter parameter : parameters) {
            HttpResponse<String> baseline = api.send(parameter.method(), target(parameter, HARMLESS));
            for (String injection : INJECTIONS) {
                String target = target(parameter, injection);
                HttpResponse<String> response = api.send(parameter.method(), target);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                String problem = problem(response, baseline);
                if (problem != null) {
                    failures.add(parameter.method() + " " + target + " -> " + response.statusCode() + ": " + problem);
                }
            }
        }
        int requests = statuses.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("SqlInjectionTest: " + INJECTIONS.size() + " strings x " + parameters.size() + " parameters = " + requests
                + " requests, answers by status " + statuses);
        failures.stream().limit(30).forEach(f -> System.out.println("  INJECTION FAILURE " + f));

        assertThat(failures).isEmpty();
        assertThat(DatabaseFingerprint.of(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle_gap WHERE symbol_id = ?", Integer.class, symbolId)).isEqualTo(1);
    }

    /** Null when the answer is a refusal in the contract or a 200 no richer than the harmless value's. */
    private static String problem(HttpResponse<String> response, HttpResponse<String> baseline) {
        int status = response.statusCode();
        if (status >= 500) {
            return "server error " + response.body();
        }
        if (status >= 400) {
            JsonNode error = ApiClient.json(response).path("error");
            return error.path("status").asInt() == status && !error.path("code").asText().isBlank() ? null : "not the error contract: " + response.body();
        }
        if (baseline.statusCode() != status) {
            return "answered " + status + " where a harmless value gets " + baseline.statusCode();
        }
        Map<String, Integer> rows = rowCounts(ApiClient.json(response));
        Map<String, Integer> harmless = rowCounts(ApiClient.json(baseline));
        return rows.equals(harmless) ? null : "rows " + rows + " where a harmless value gets " + harmless;
    }

    /** The size of every array in the answer, by its path: rows an injection could add. */
    private static Map<String, Integer> rowCounts(JsonNode json) {
        Map<String, Integer> counts = new TreeMap<>();
        collect(json, "", counts);
        return counts;
    }

    private static void collect(JsonNode node, String path, Map<String, Integer> counts) {
        if (node.isArray()) {
            counts.put(path, node.size());
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> collect(f.getValue(), path + "/" + f.getKey(), counts));
        }
    }

    /** Every path and query parameter of every operation in the OpenAPI document. */
    private static List<Parameter> parameters(ApiClient api) {
        JsonNode doc = api.getOk("/api/v1/openapi.json");
        List<Parameter> parameters = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                for (JsonNode p : op.getValue().path("parameters")) {
                    parameters.add(new Parameter(op.getKey().toUpperCase(), path.getKey(), p.path("name").asText(), "path".equals(p.path("in").asText())));
                }
            });
        }
        return parameters;
    }

    /**
     * The operation with this parameter set to the value and the others given ordinary values, so the value reaches
     * the query: the test symbol, the default exchange, a known indicator, ids and numbers that parse.
     */
    private static String target(Parameter parameter, String value) {
        Map<String, String> ordinary = new LinkedHashMap<>(Map.of("symbol", "SQLITESTUSDT", "exchange", "bybit", "name", "rsi", "id", "1"));
        String path = parameter.path();
        for (String name : List.of("symbol", "name", "id")) {
            String filled = name.equals(parameter.name()) && parameter.inPath() ? value : ordinary.get(name);
            path = path.replace("{" + name + "}", encode(filled));
        }
        return "/api/v1" + path + (parameter.inPath() ? "" : "?" + parameter.name() + "=" + encode(value));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
