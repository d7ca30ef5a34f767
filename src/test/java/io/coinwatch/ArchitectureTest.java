package io.coinwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package rules a newcomer can rely on, checked on the sources: a role package (marketdata, fundamental, monitor,
 * gateway) uses only io.coinwatch.core and itself, and core uses no role, so any role can run without the others; and
 * the time comes from the one Clock bean, so Clock.systemUTC() appears only in configuration classes.
 */
class ArchitectureTest {

    static final Set<String> ROLES = Set.of("marketdata", "fundamental", "monitor", "gateway");

    /** Any reference to another io.coinwatch package: an import, a static import or a fully qualified name. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.coinwatch\\.([a-z]+)(?:\\.[a-z]\\w*)*(?:\\.[A-Z]\\w*)?");
    private static final Path MAIN = Path.of("src/main/java");

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
