package io.coinwatch.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * No credential is committed: every file git tracks is scanned for private keys, well-known token shapes and
 * password/secret/token/API-key assignments with a real-looking value; and the application's configuration takes every
 * secret from the environment with an empty default.
 */
class RepositorySecretsTest {

    /** Values that look like credentials but are not secrets, each with the reason. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("coinwatch", "docker-compose defaults of the database and broker, which are not published outside the compose network"),
            Map.entry("change-me", "placeholder of .env.example"),
            Map.entry("a-long-secret-passphrase", "example in the README"),
            Map.entry("s3cure-test-passphrase", "ProdSecurityTest's admin password, test only"),
            Map.entry("wrong-password-123", "ProdSecurityTest's failed login, test only"),
            Map.entry("changeme-please", "ProdSecurityTest: a guessable password prod must refuse"),
            Map.entry("test-client:test-client-key-0001", "the test profile's API key (GatewayFrontTest), test only"),
            Map.entry("test-client-key-0001", "the test profile's API key as GatewayFrontTest sends it, test only"),
            Map.entry("tls-test-store-pass", "TlsTest's keystore, generated for the test and deleted with target/"));
    /** ProdSecurityTest's secrets, which it must never find in the log: test only. */
    static final String CANARY_PREFIX = "log-canary-";

    private static final List<Pattern> TOKEN_SHAPES = List.of(
            Pattern.compile("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"),
            Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36}\\b"),
            Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\."));
    /** name = value, name: value, name="value", "name": "value"; the value up to a quote, blank, comma or bracket. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(?<![{$\\w.-])[\"']?([a-z_.-]*(?:password|passwd|[_-]pass(?![a-z])|secret|token|api[_-]?key|apikey|access[_-]?key|client[_-]?secret)[a-z_]*)[\"']?\\s*[:=]\\s*(\"|')?([^\"'\\s,;)}]*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+(:-?)?}|<[^>]*>|\\*+|x+|\\.\\.\\.");

    @Test
    void noTrackedFileHoldsACredential() throws Exception {
        List<String> files = trackedFiles();
        assertThat(files).contains("pom.xml", "config/application.yaml");
        List<String> findings = new ArrayList<>();
        for (String file : files) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || Files.size(path) > 1_000_000) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(path);
            if (new String(bytes, 0, Math.min(bytes.length, 8000), StandardCharsets.ISO_8859_1).indexOf('\0') >= 0) {
                continue; // binary
            }
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                for (String finding : findings(lines[i], file.endsWith(".java"))) {
                    findings.add(file + ":" + (i + 1) + ": " + finding);
                }
            }
        }
        System.out.println("RepositorySecretsTest: " + files.size() + " tracked files scanned, " + findings.size() + " findings");
        assertThat(findings).isEmpty();
    }

    @Test
    void theScannerFindsWhatItLooksFor() {
        // Built from parts, so this file itself holds none of them.
        assertThat(findings("-----BEGIN " + "RSA PRIVATE KEY-----", false)).hasSize(1);
        assertThat(findings("aws = " + "AKIA" + "ABCDEFGHIJKLMNOP", false)).isNotEmpty();
        assertThat(findings("spring.datasource." + "password=hunter2hunter2", false)).hasSize(1);
        assertThat(findings("  api" + "-key: sk-live-1234567890", false)).hasSize(1);
        assertThat(findings("String " + "token = \"0123456789abcdef\";", true)).hasSize(1);
        assertThat(findings("\"client_" + "secret\": \"zyxw-9876\"", false)).hasSize(1);
        assertThat(findings("  DB_PASS" + "WORD: ${DB_PASSWORD:-hunter2}", false)).hasSize(1);
        assertThat(findings("  RABBITMQ_DEFAULT_PA" + "SS: ${RABBITMQ_PASSWORD:-hunter2}", false)).hasSize(1);

        assertThat(findings("      pass" + "word: ${COINWATCH_ADMIN_PASSWORD:}", false)).isEmpty();
        assertThat(findings("#COINGECKO_API" + "_KEY=", false)).isEmpty();
        assertThat(findings("String tok" + "en = page.headers().firstValue(\"X\");", true)).isEmpty();
        assertThat(findings("RABBITMQ_PASS" + "WORD=guest", false)).isEmpty();
        assertThat(findings("c.startsWith(\"XSRF-TO" + "KEN=\")", true)).isEmpty();
        assertThat(findings("case \"${MVNW_PASS" + "WORD:+has-password}\" in", false)).isEmpty();
    }

    /** In config, every secret is an environment placeholder with an empty default. */
    @Test
    void theConfigurationTakesEverySecretFromTheEnvironment() throws IOException {
        Pattern secretKey = Pattern.compile("^\\s*([a-z-]*(?:password|secret|api-key|token)):\\s*(.*)$");
        List<String> secrets = new ArrayList<>();
        try (var files = Files.list(Path.of("config"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = secretKey.matcher(line);
                    if (m.matches()) {
                        secrets.add(file.getFileName() + " " + m.group(1) + ": " + m.group(2).trim());
                    }
                }
            }
        }
        assertThat(secrets).as("the admin password and the vendors' API keys at least").hasSizeGreaterThanOrEqualTo(3)
                .allMatch(s -> s.matches(".*: \\$\\{[A-Z0-9_]+:}$"), "an ${ENV_VAR:} placeholder with an empty default");
    }

    /** What looks like a credential on this line; in Java only string literals count as values (not code). */
    static List<String> findings(String line, boolean java) {
        List<String> found = new ArrayList<>();
        for (Pattern shape : TOKEN_SHAPES) {
            if (shape.matcher(line).find()) {
                found.add("looks like a key or token (" + shape.pattern() + ")");
            }
        }
        Matcher m = ASSIGNMENT.matcher(line);
        while (m.find()) {
            String quote = m.group(2);
            String value = m.group(3);
            // In Java only `name = "literal"` counts: not code, not a name that is itself inside a string literal.
            if (java && (quote == null || m.group().startsWith("\"") || !line.startsWith(quote, m.end(3)))) {
                continue;
            }
            // ${VAR:-default}: the default is what counts.
            Matcher withDefault = Pattern.compile("\\$\\{[A-Za-z0-9_]+:-([^}]+)}").matcher(line.substring(m.start(3)));
            if (withDefault.lookingAt()) {
                value = withDefault.group(1);
            } else if (value.startsWith("${") || value.startsWith("$")) {
                continue; // a placeholder or shell variable, possibly cut short by the value pattern
            }
            // Shorter than 6 characters is no real credential (prod refuses admin passwords under 12): a count, a flag.
            if (value.length() < 6 || PLACEHOLDER.matcher(value).matches() || ALLOWED.containsKey(value) || value.startsWith(CANARY_PREFIX)
                    || value.matches("[a-z]+(\\.[a-z-]+)+") /* a property name, not a value */) {
                continue;
            }
            found.add(m.group(1) + " has the value '" + value.charAt(0) + "...' (" + value.length() + " characters)");
        }
        return found;
    }

    private static List<String> trackedFiles() throws Exception {
        Process git = new ProcessBuilder("git", "ls-files").redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as("git ls-files: %s", out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
