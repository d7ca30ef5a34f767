package io.coinwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The structure of docker-compose.yml, its development override and the Dockerfile, read as files (Docker is not
 * needed): every service a split deployment needs, wired to the same database and broker, started in order, with the
 * gateway pointing at each role's port.
 */
class DeploymentFilesTest {

    /** Each app service is named after the one role it runs. */
    private static final List<String> APP_SERVICES = List.of("market-data", "fundamental-data", "monitor", "gateway");
    private static final Map<String, String> GATEWAY_URL_VARIABLES = Map.of("market-data", "COINWATCH_MARKET_DATA_URLS",
            "fundamental-data", "COINWATCH_FUNDAMENTAL_DATA_URLS", "monitor", "COINWATCH_MONITOR_URLS");

    private static Map<String, Object> yaml(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> services(Map<String, Object> compose) {
        return map(compose.get("services"));
    }

    /** The port the app listens on when PORT is not set: server.port: ${PORT:8080} in config/application.yaml. */
    private static int defaultServerPort() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.yaml"))) {
            for (Object document : new Yaml().loadAll(reader)) {
                Object server = map(document).get("server");
                if (server != null && map(server).containsKey("port")) {
                    Matcher m = Pattern.compile("\\$\\{PORT:(\\d+)}").matcher(String.valueOf(map(server).get("port")));
                    assertThat(m.matches()).as("server.port is ${PORT:<default>}").isTrue();
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        throw new AssertionError("config/application.yaml has no server.port");
    }

    private static int containerPort(Map<String, Object> service) throws IOException {
        Object port = map(service.get("environment")).get("PORT");
        return port == null ? defaultServerPort() : Integer.parseInt(String.valueOf(port));
    }

    @Test
    void composeHasTheInfrastructureAndTheFourRolesFromOneImage() throws IOException {
        Map<String, Object> services = services(yaml("docker-compose.yml"));
        assertThat(services).containsKeys("postgres", "rabbitmq").containsKeys(APP_SERVICES.toArray(String[]::new));
        assertThat(map(services.get("postgres")).get("image")).isEqualTo("postgres:17");
        assertThat(map(services.get("rabbitmq")).get("image")).isEqualTo("rabbitmq:4-management");
        assertThat(map(services.get("postgres")).get("healthcheck")).isNotNull();
        assertThat(map(services.get("rabbitmq")).get("healthcheck")).isNotNull();

        for (String app : APP_SERVICES) {
            Map<String, Object> service = map(services.get(app));
            assertThat(service.get("build")).as(app).isEqualTo(".");
            Map<String, Object> env = map(service.get("environment"));
            assertThat(env.get("COINWATCH_ROLES")).as(app).isEqualTo(app);
            assertThat(String.valueOf(env.get("SPRING_DATASOURCE_URL"))).as(app).startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(env).as(app).containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
                    "SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD");
            assertThat(env.get("SPRING_RABBITMQ_HOST")).as(app).isEqualTo("rabbitmq");

            List<?> test = (List<?>) map(service.get("healthcheck")).get("test");
            assertThat(String.join(" ", test.stream().map(String::valueOf).toList())).as(app)
                    .containsPattern("(curl|wget) .*localhost:" + containerPort(service) + "/actuator/health");

            Map<String, Object> dependsOn = map(service.get("depends_on"));
            for (String infrastructure : List.of("postgres", "rabbitmq")) {
                assertThat(map(dependsOn.get(infrastructure)).get("condition")).as(app + " -> " + infrastructure)
                        .isEqualTo("service_healthy");
            }
        }
    }

    @Test
    void theGatewayFindsEachRoleOnThePortItListensOnAndStartsAfterThem() throws IOException {
        Map<String, Object> services = services(yaml("docker-compose.yml"));
        Map<String, Object> gateway = map(services.get("gateway"));
        Map<String, Object> env = map(gateway.get("environment"));
        for (Map.Entry<String, String> role : GATEWAY_URL_VARIABLES.entrySet()) {
            URI url = URI.create(String.valueOf(env.get(role.getValue())));
            assertThat(url.getHost()).as(role.getValue()).isEqualTo(role.getKey());
            assertThat(url.getPort()).as(role.getValue()).isEqualTo(containerPort(map(services.get(role.getKey()))));
            assertThat(map(map(gateway.get("depends_on")).get(role.getKey())).get("condition")).isEqualTo("service_healthy");
        }
        // Those variables are what config/application.yaml reads the registry from.
        String config = Files.readString(Path.of("config/application.yaml"));
        GATEWAY_URL_VARIABLES.forEach((role, variable) -> assertThat(config).contains("base-urls: ${" + variable + ":}"));

        // Only the gateway is published, on the port the app listens on.
        assertThat((List<?>) gateway.get("ports")).singleElement().asString().endsWith(":" + containerPort(gateway));
        for (String role : GATEWAY_URL_VARIABLES.keySet()) {
            assertThat(map(services.get(role))).as(role).doesNotContainKey("ports");
        }
    }

    @Test
    void theDevelopmentOverrideMountsRoutesAndConfigAndOpensADebugPort() throws IOException {
        Map<String, Object> services = services(yaml("docker-compose.override.yml"));
        assertThat(services).containsKeys(APP_SERVICES.toArray(String[]::new));
        for (String app : APP_SERVICES) {
            Map<String, Object> service = map(services.get(app));
            assertThat((List<?>) service.get("volumes")).as(app).anySatisfy(v -> assertThat(String.valueOf(v)).startsWith("./routes:"))
                    .anySatisfy(v -> assertThat(String.valueOf(v)).startsWith("./config:"));
            Map<String, Object> env = map(service.get("environment"));
            assertThat(env.get("SPRING_PROFILES_ACTIVE")).as(app).isEqualTo("dev");
            assertThat(String.valueOf(env.get("JAVA_TOOL_OPTIONS"))).as(app).contains("jdwp").contains("address=*:5005");
            assertThat((List<?>) service.get("ports")).as(app).anySatisfy(p -> assertThat(String.valueOf(p)).endsWith(":5005"));
        }
        assertThat(String.valueOf(map(services.get("gateway")).get("ports"))).contains("5005:5005");
    }

    @Test
    void theImageIsBuiltWithTheWrapperAndRunsAsAnUnprivilegedUserWithAHealthCheck() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> stages = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).contains("17-jdk").endsWith(" AS build");
        assertThat(stages.get(1)).contains("17-jre");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("RUN ./mvnw").contains("package"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("COPY --from=build"));

        List<String> runtime = lines.subList(lines.indexOf(stages.get(1)), lines.size());
        String user = runtime.stream().filter(l -> l.startsWith("USER ")).findFirst().orElseThrow();
        assertThat(user.substring("USER ".length()).trim()).isNotIn("root", "0");
        assertThat(runtime).anySatisfy(l -> assertThat(l).startsWith("HEALTHCHECK"));
        assertThat(String.join("\n", runtime)).contains("/actuator/health");
        assertThat(runtime).contains("EXPOSE " + defaultServerPort());
        assertThat(runtime.indexOf(user)).as("USER before the entry point").isLessThan(
                runtime.indexOf(runtime.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow()));
    }

    /** The memory settings (pom.xml's coinwatch.jvm-options), which ./mvnw spring-boot:run passes as jvmArguments. */
    static String runJvmArguments() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<jvmArguments>${coinwatch.jvm-options}</jvmArguments>")
                .contains("<MALLOC_ARENA_MAX>${coinwatch.malloc-arena-max}</MALLOC_ARENA_MAX>");
        Matcher m = Pattern.compile("<coinwatch.jvm-options>([^<]+)</coinwatch.jvm-options>").matcher(pom);
        assertThat(m.find()).as("pom.xml sets coinwatch.jvm-options").isTrue();
        return m.group(1).trim();
    }

    @Test
    void theImageComposeAndTheJarRunWithTheMemoryDefaultsOfSpringBootRun() throws IOException {
        String jvm = runJvmArguments();
        assertThat(jvm).contains("-Xmx");
        List<String> dockerfile = Files.readAllLines(Path.of("Dockerfile")).stream().map(String::trim).toList();
        assertThat(dockerfile).anySatisfy(l -> assertThat(l).isEqualTo("ENV JAVA_TOOL_OPTIONS=\"" + jvm + "\" \\"))
                .anySatisfy(l -> assertThat(l).isEqualTo("MALLOC_ARENA_MAX=2"));
        String composeEnv = String.valueOf(map(yaml("docker-compose.yml").get("x-coinwatch-env")).get("JAVA_TOOL_OPTIONS"));
        assertThat(composeEnv).isEqualTo("${JAVA_TOOL_OPTIONS:-" + jvm + "}");
        for (String app : APP_SERVICES) {
            assertThat(String.valueOf(map(map(services(yaml("docker-compose.override.yml")).get(app)).get("environment"))
                    .get("JAVA_TOOL_OPTIONS"))).as(app).startsWith(jvm + " ");
        }
        // Plain java -jar gets them from the jar (MemoryRelaunch, MemoryRelaunchTest); the local script passes them itself.
        assertThat(Files.readString(Path.of("scripts/dev/start-local.sh"))).contains("java " + jvm + " -jar");
        assertThat(Files.readString(Path.of("docs/operations.md"))).contains("`" + jvm + "`");
    }

    @Test
    void envExampleListsTheVariablesComposeAndTheRegistryRead() throws IOException {
        String example = Files.readString(Path.of(".env.example"));
        for (String variable : List.of("SPRING_DATASOURCE_URL", "SPRING_RABBITMQ_HOST", "COINWATCH_ROLES", "COINWATCH_MARKET_DATA_URLS",
                "COINWATCH_FUNDAMENTAL_DATA_URLS", "COINWATCH_MONITOR_URLS", "POSTGRES_PASSWORD", "RABBITMQ_PASSWORD", "GATEWAY_PORT")) {
            assertThat(example).as(variable).contains(variable + "=");
        }
    }
}
