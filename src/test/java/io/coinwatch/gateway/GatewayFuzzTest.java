package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.DatabaseFingerprint;
import io.coinwatch.support.RawHttp;

/**
 * Generated bad requests against the running application over real HTTP: the operations of the OpenAPI document
 * with their parameters missing, repeated, huge, negative, non-numeric, unicode, SQL and path traversal, mutated and
 * random paths, every method, oversized bodies and wrong content types. None may answer 5xx, every 4xx must be the
 * JSON error contract, and the database must be unchanged. Reproduce a run with -Dfuzz.seed=N (the seed is printed).
 */
@CoinwatchIntegrationTest
class GatewayFuzzTest {

    private static final int REQUESTS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    /** Values as they go on the wire: some already percent-encoded tricks, the rest encoded before sending. */
    private static final String[] RAW_TRICKS = {"%2e%2e%2f", "..%2f..%2f..%2fetc%2fpasswd", "%00", "a%00b", "%zz", "%", "%c0%ae%c0%ae%c0%af",
            "%252e%252e%252f", "%ff%fe", "%u0000", "..;", "%2F", "%5c..%5c", "%0d%0aX-Injected:%201"};
    private static final String[] VALUES = {"", " ", "-1", "-9223372036854775808", "9223372036854775808", "0", "1e10", "NaN",
            "Infinity", "0x10", "abc", "null", "true", "[]", "{}", "' OR '1'='1", "1; DROP TABLE candle;--",
            "'); DELETE FROM symbol;--", "\\' UNION SELECT * FROM parked_message --", "../../etc/passwd", "..\\..\\windows",
            "NOPEUSDT", "5m", "1w", "bybit", "binance", "open", "ÄÖÜ€", "比特币", "😀🚀", "\u202e", "\u0000",
            "\t\n", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "#{1+1}", "${header.foo}", "%s%n"};
    private static final String[] CONTENT_TYPES = {"application/json", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data", "multipart/form-data; boundary=x", "application/octet-stream", "text/html; charset=bogus", "*/*", "%%%"};

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    private record Operation(String method, String path, List<String> pathParams, List<String> queryParams) {
    }

    @Test
    void generatedBadRequestsNeverFailTheServerAlwaysGetTheErrorContractAndChangeNothing() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("GatewayFuzzTest seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(10);
        RawHttp http = new RawHttp(port);
        Map<String, String> before = DatabaseFingerprint.settled(jdbc, Duration.ofSeconds(6), Duration.ofSeconds(90));

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            String target;
            int kind = random.nextInt(10);
            if (kind < 5) {
                Operation op = operations.get(random.nextInt(operations.size()));
                method = random.nextInt(4) == 0 ? method : op.method();
                target = "/api/v1" + fillPath(op, random) + query(op.queryParams(), random);
            } else if (kind < 8) {
                target = mutatePath(operations.get(random.nextInt(operations.size())).path(), random) + query(List.of("exchange", "symbol"), random);
            } else {
                target = randomPath(random);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            byte[] body = null;
            if (!"GET".equals(method) && !"HEAD".equals(method) || random.nextInt(8) == 0) {
                headers.put("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
                body = body(random);
            }
            if (random.nextInt(6) == 0) {
                headers.put("Accept", random.nextBoolean() ? "text/html" : "application/xml");
            }
            RawHttp.Response response;
            try {
                response = http.send(method, target, headers, body);
            } catch (Exception e) {
                failures.add(method + " " + abbreviate(target) + ": no answer, " + e);
                continue;
            }
            statuses.merge(response.status(), 1, Integer::sum);
            String problem = problem(method, response);
            if (problem != null) {
                failures.add(method + " " + abbreviate(target) + (body == null ? "" : " [" + body.length + " bytes " + headers.get("Content-Type") + "]")
                        + " -> " + response.status() + ": " + problem);
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.println("GatewayFuzzTest: " + REQUESTS + " requests in " + seconds + " s, answers by status " + statuses);
        // Server errors first: they are the worst finding.
        failures.stream().sorted(java.util.Comparator.comparing(f -> !f.contains(": server error"))).limit(40)
                .forEach(f -> System.out.println("  FUZZ FAILURE " + f));

        assertThat(failures).as("seed %d: %d failures", seed, failures.size()).isEmpty();
        assertThat(statuses.keySet()).as("the bad requests were refused, not all served").anyMatch(s -> s >= 400);
        assertThat(DatabaseFingerprint.of(jdbc)).as("database fingerprint").isEqualTo(before);
    }

    /** Null when the answer keeps the contract, else what is wrong with it. */
    private static String problem(String method, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500) {
            return "server error " + abbreviate(response.body());
        }
        if (status < 400 || "HEAD".equals(method)) {
            return null;
        }
        if (!response.header("Content-Type").startsWith("application/json")) {
            return "not JSON (" + response.header("Content-Type") + "): " + abbreviate(response.body());
        }
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (error.path("status").asInt() != status || error.path("code").asText().isBlank() || !error.path("message").isTextual()) {
                return "not the error contract: " + abbreviate(response.body());
            }
            if (error.path("message").asText().contains("Exception") || error.path("message").asText().contains("\tat ")) {
                return "internals in the message: " + abbreviate(response.body());
            }
        } catch (Exception e) {
            return "unparsable JSON: " + abbreviate(response.body());
        }
        return null;
    }

    /** Every operation of the OpenAPI document with its path and query parameters. */
    private List<Operation> operations() throws Exception {
        JsonNode doc = ApiClient.json(new ApiClient(port).send("GET", "/api/v1/openapi.json"));
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    ("path".equals(p.path("in").asText()) ? pathParams : queryParams).add(p.path("name").asText());
                }
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), pathParams, queryParams));
            }
        }
        return operations;
    }

    private static String fillPath(Operation op, Random random) {
        String path = op.path();
        for (String name : op.pathParams()) {
            path = path.replace("{" + name + "}", random.nextInt(5) == 0 ? "" : value(random));
        }
        return path;
    }

    /** Each parameter missing, present or repeated, plus now and then one nobody asked for. */
    private static String query(List<String> names, Random random) {
        List<String> pairs = new ArrayList<>();
        for (String name : names) {
            int copies = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : random.nextInt(2);
            for (int c = 0; c < copies; c++) {
                pairs.add(name + "=" + value(random));
            }
        }
        if (random.nextInt(5) == 0) {
            pairs.add(value(random) + "=" + value(random));
        }
        if (random.nextInt(8) == 0) {
            pairs.add(random.nextBoolean() ? "&&&" : "=");
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    /** A value as it goes on the wire. */
    private static String value(Random random) {
        int pick = random.nextInt(12);
        if (pick == 0) {
            return RAW_TRICKS[random.nextInt(RAW_TRICKS.length)];
        }
        if (pick == 1) {
            return encode("x".repeat(10_000));
        }
        if (pick == 2) {
            return String.valueOf(random.nextLong());
        }
        if (pick == 3) {
            // Raw bytes outside ASCII and controls, unencoded: the server must refuse them politely. Not CR or LF, which
            // would end the request line and make it another (HTTP/0.9) request.
            int control = random.nextInt(32);
            control = control == '\n' || control == '\r' ? 1 : control;
            return "a" + (char) (random.nextBoolean() ? 0xff : control) + "b";
        }
        return encode(VALUES[random.nextInt(VALUES.length)]);
    }

    private static String mutatePath(String apiPath, Random random) {
        List<String> segments = new ArrayList<>(List.of(("/api/v1" + apiPath).substring(1).split("/")));
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(segments.size() + 1);
            switch (random.nextInt(5)) {
                case 0 -> segments.add(at, value(random));
                case 1 -> segments.add(at, random.nextBoolean() ? ".." : "%2e%2e");
                case 2 -> {
                    if (segments.size() > 1) {
                        segments.remove(Math.min(at, segments.size() - 1));
                    }
                }
                case 3 -> segments.set(Math.min(at, segments.size() - 1), value(random));
                default -> segments.add(at, "");
            }
        }
        return "/" + String.join("/", segments).replace("{", "%7B").replace("}", "%7D");
    }

    private static String randomPath(Random random) {
        String[] prefixes = {"/api/v1/", "/api/", "/api/v2/", "/", "/actuator/", "/error/", "/api/v1/system/", "/api/v1/market-data/",
                "/api/v1/fundamental/", "//api//v1//", "/api/v1/openapi.json/"};
        StringBuilder path = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
        int segments = random.nextInt(4);
        for (int s = 0; s < segments; s++) {
            path.append(s == 0 ? "" : "/").append(value(random));
        }
        return path.toString();
    }

    private static byte[] body(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> new byte[0];
            case 1 -> "{\"symbol\":\"' OR '1'='1\",\"limit\":-1}".getBytes(StandardCharsets.UTF_8);
            case 2 -> "{not json".getBytes(StandardCharsets.UTF_8);
            case 3 -> "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".getBytes(StandardCharsets.UTF_8);
            case 4 -> "symbol=BTCUSDT&exchange=%zz&limit=".getBytes(StandardCharsets.UTF_8);
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(4096)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> random.nextInt(4) == 0 ? new byte[2_000_000] : "[]".getBytes(StandardCharsets.UTF_8);
            default -> ("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../a\"\r\n\r\nhi\r\n--x--\r\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
