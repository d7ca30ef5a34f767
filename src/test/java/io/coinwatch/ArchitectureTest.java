package io.coinwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package rules a newcomer can rely on, checked on the sources: a role package (marketdata, fundamental, monitor,
 * gateway) uses only io.coinwatch.core and itself, and core uses no role, so any role can run without the others; a
 * role's SQL names only its own tables and core's, since another role's tables hold what that role last wrote (learn
 * it from its events or its API); and the time comes from the one Clock bean, so Clock.systemUTC() appears only in
 * configuration classes.
 */
class ArchitectureTest {

    static final Set<String> ROLES = Set.of("marketdata", "fundamental", "monitor", "gateway");

    /** Any reference to another io.coinwatch package: an import, a static import or a fully qualified name. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.coinwatch\\.([a-z]+)(?:\\.[a-z]\\w*)*(?:\\.[A-Z]\\w*)?");
    private static final Path MAIN = Path.of("src/main/java");
    /** The tables a role owns (db/migration); core's tables (outbox, parking, audit, legacy import, ...) are everyone's. */
    static final Map<String, Set<String>> TABLES = Map.of(
            "marketdata", Set.of("symbol", "candle", "candle_quarantine", "candle_gap", "backfill_progress", "indicator_latest",
                    "symbol_enrichment"),
            "fundamental", Set.of("coin_mapping", "coin_metadata", "coin_platform", "coin_market_snapshot", "coin_sentiment",
                    "api_call_budget", "fundamental_symbol"),
            "monitor", Set.of("monitor_event", "monitor_instance", "monitor_alert"));
    /** A table named in SQL: the project writes SQL keywords in upper case, so prose ("from symbol events") is no match. */
    private static final Pattern TABLE_USE = Pattern.compile("\\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\\s+([a-z_]+)\\b");

    @Test
    void noRolePackageUsesAnotherRoleAndCoreUsesNone() throws IOException {
        List<String> findings = new ArrayList<>();
        int scanned = 0;
        for (Path file : javaFiles()) {
            String owner = topPackage(file);
            if (!ROLES.contains(owner) && !"core".equals(owner)) {
                continue; // the application class and the simulator (a separate program) are not layered
            }
            scanned++;
            findings.addAll(crossRoleReferences(file.toString(), owner, Files.readString(file)));
        }
        assertThat(scanned).as("role and core sources scanned").isGreaterThan(100);
        assertThat(findings).isEmpty();
    }

    @Test
    void noRoleReadsOrWritesAnotherRolesTables() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path file : javaFiles()) {
            String owner = topPackage(file);
            if (ROLES.contains(owner)) {
                findings.addAll(otherRolesTables(file.toString(), owner, Files.readString(file)));
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void clockSystemUtcOnlyInConfiguration() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path file : javaFiles()) {
            String source = Files.readString(file);
            if (source.contains("Clock.systemUTC()") && !isConfiguration(source)) {
                findings.add(file + ": Clock.systemUTC() outside a configuration class; inject the Clock bean");
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void theScansSeeWhatTheyMustRefuse() {
        String monitorUsingGateway = "package io.coinwatch.monitor;\nimport io.coinwatch.gateway.ApiGroup;\n"
                + "class A { io.coinwatch.marketdata.CandleStore s; io.coinwatch.core.api.ApiException e; }";
        assertThat(crossRoleReferences("A.java", "monitor", monitorUsingGateway))
                .containsExactly("A.java: monitor uses io.coinwatch.gateway.ApiGroup",
                        "A.java: monitor uses io.coinwatch.marketdata.CandleStore");
        assertThat(crossRoleReferences("B.java", "core", "package io.coinwatch.core.x;\nimport static io.coinwatch.fundamental.X.y;"))
                .hasSize(1);
        String fundamentalReadingSymbols = "class D { String q = \"SELECT DISTINCT s.base_asset FROM symbol s WHERE s.active\"; "
                + "String u = \"UPDATE coin_mapping m SET active = EXISTS (SELECT 1 FROM fundamental_symbol f JOIN candle c ON true)\"; "
                + "/** the assets come from symbol events */ }";
        assertThat(otherRolesTables("D.java", "fundamental", fundamentalReadingSymbols))
                .containsExactly("D.java: fundamental uses marketdata's table symbol", "D.java: fundamental uses marketdata's table candle");
        assertThat(isConfiguration("@Component\nclass C { Clock c = Clock.systemUTC(); }")).isFalse();
        assertThat(isConfiguration("@Configuration(proxyBeanMethods = false)\nclass C { @Bean Clock clock() { return Clock.systemUTC(); } }")).isTrue();
    }

    static List<String> crossRoleReferences(String file, String owner, String source) {
        List<String> findings = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(source);
        while (reference.find()) {
            String used = reference.group(1);
            String name = reference.group();
            if (ROLES.contains(used) && !used.equals(owner)) {
                findings.add(file + ": " + owner + " uses " + name);
            }
        }
        return findings;
    }

    static List<String> otherRolesTables(String file, String owner, String source) {
        List<String> findings = new ArrayList<>();
        Matcher use = TABLE_USE.matcher(source);
        while (use.find()) {
            String table = use.group(1);
            TABLES.forEach((role, tables) -> {
                if (!role.equals(owner) && tables.contains(table)) {
                    findings.add(file + ": " + owner + " uses " + role + "'s table " + table);
                }
            });
        }
        return findings;
    }

    /** Where a program is put together: a class Spring takes beans from, or a main method (the simulator's). */
    static boolean isConfiguration(String source) {
        return source.contains("@Configuration") || source.contains("@SpringBootApplication")
                || source.contains("public static void main(");
    }

    private static String topPackage(Path file) {
        return MAIN.relativize(file).getName(2).toString().replace(".java", "");
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
