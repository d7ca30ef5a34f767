package io.coinwatch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import jdk.jfr.consumer.RecordingFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryRelaunchTest {

    private static final MemoryRelaunch.Settings SETTINGS = new MemoryRelaunch.Settings(
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xss512k"), "2");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static Optional<List<String>> command(Map<String, String> env, String... arguments) {
        return MemoryRelaunch.command("/jdk/bin/java", List.of(arguments), env, SETTINGS);
    }

    @Test
    void plainJavaJarIsRelaunchedWithTheSettingsBeforeItsOwnArguments() {
        assertThat(command(Map.of(), "-Dfoo=bar", "-jar", "coinwatch.jar", "--server.port=9000")).contains(List.of(
                "/jdk/bin/java", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k",
                "-D" + MemoryRelaunch.RELAUNCHED_WITH + "=-Xmx256m -XX:+UseSerialGC -Xss512k",
                "-Dfoo=bar", "-jar", "coinwatch.jar", "--server.port=9000"));
    }

    @Test
    void aHeapSettingOfTheUsersOwnIsKept() {
        for (String heap : List.of("-Xmx1g", "-XX:MaxHeapSize=1073741824", "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=4g")) {
            assertThat(command(Map.of(), heap, "-jar", "coinwatch.jar")).as(heap).isEmpty();
        }
    }

    @Test
    void jvmOptionsFromTheEnvironmentAnAgentOrAnOptOutLeaveTheJvmAsStarted() {
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            assertThat(command(Map.of(variable, "-Dx=y"), "-jar", "coinwatch.jar")).as(variable).isEmpty();
        }
        assertThat(command(Map.of("JAVA_TOOL_OPTIONS", " "), "-jar", "coinwatch.jar")).as("blank").isPresent();
        assertThat(command(Map.of(), "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-jar", "coinwatch.jar")).isEmpty();
        assertThat(command(Map.of("COINWATCH_RELAUNCH", "false"), "-jar", "coinwatch.jar")).isEmpty();
        assertThat(command(Map.of(), "-Dcoinwatch.relaunch=false", "-jar", "coinwatch.jar")).isEmpty();
        assertThat(command(Map.of(), "-jar", "coinwatch.jar", "--coinwatch.relaunch=false")).isEmpty();
    }

    @Test
    void onlyAJvmStartedWithJarIsRelaunched() {
        // Tests, ./mvnw spring-boot:run and the simulator start a main class from a classpath.
        assertThat(command(Map.of(), "-cp", "target/classes", "io.coinwatch.CoinwatchApplication")).isEmpty();
        assertThat(command(Map.of(), "-cp", "app.jar", "Main", "-jar", "x.jar")).isEmpty();
        assertThat(command(Map.of(), "-jar")).isEmpty();
    }

    @Test
    void aCollectorChosenByTheUserReplacesTheSettingsOne() {
        List<String> command = command(Map.of(), "-XX:+UseG1GC", "-jar", "coinwatch.jar").orElseThrow();
        assertThat(command).contains("-Xmx256m", "-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void theJarCarriesThePomsSettings() throws IOException {
        MemoryRelaunch.Settings packaged = MemoryRelaunch.Settings.packaged();
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<coinwatch.jvm-options>" + String.join(" ", packaged.jvmOptions()) + "</coinwatch.jvm-options>")
                .contains("<coinwatch.malloc-arena-max>" + packaged.mallocArenaMax() + "</coinwatch.malloc-arena-max>");
        assertThat(packaged.jvmOptions()).anyMatch(o -> o.startsWith("-Xmx"));
    }

    /** A real java -jar: a jar whose main is {@link Probe}, with this build's classes on its manifest class path. */
    @Test
    void javaJarRunsTheWorkInAChildWithTheSettingsAndExitsWithItsCode(@TempDir Path dir) throws Exception {
        Process parent = startProbe(probeJar(dir), "hello world");
        assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(output(dir.resolve("probe.jar")));
        MemoryRelaunch.Settings packaged = MemoryRelaunch.Settings.packaged();
        assertThat(output).contains("relaunched with " + String.join(" ", packaged.jvmOptions()))
                .contains("arena " + packaged.mallocArenaMax()).contains("arguments [hello world]");
        long maxHeap = Long.parseLong(output.replaceAll("(?s).*max heap (\\d+).*", "$1"));
        assertThat(maxHeap).isLessThanOrEqualTo(256L << 20);
        assertThat(parent.exitValue()).isEqualTo(3);
    }

    @Test
    void aFlightRecordingAskedForOnTheCommandLineIsTheChilds(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("rec.jfr");
        Process parent = startProbe(probeJar(dir), "-XX:StartFlightRecording=filename=" + recording, "hello");
        assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long child = Long.parseLong(Files.readString(output(dir.resolve("probe.jar"))).replaceAll("(?s).*pid (\\d+).*", "$1"));
        assertThat(child).isNotEqualTo(parent.pid());
        List<Long> pids = RecordingFile.readAllEvents(recording).stream().filter(e -> e.getEventType().getName().equals("jdk.JVMInformation"))
                .map(e -> e.getLong("pid")).distinct().toList();
        assertThat(pids).containsExactly(child);
    }

    @Test
    void sigtermToTheLauncherStopsTheChildGracefullyFirst(@TempDir Path dir) throws Exception {
        Process parent = startProbe(probeJar(dir), "wait");
        Path ready = dir.resolve("child-ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(ready) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long child = Long.parseLong(Files.readString(ready).trim());
        assertThat(child).isNotEqualTo(parent.pid());
        parent.destroy();
        assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(output(dir.resolve("probe.jar")))).contains("child stopped");
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static Process startProbe(Path jar, String... jvmOptionsThenArgument) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        List<String> given = List.of(jvmOptionsThenArgument);
        command.addAll(given.subList(0, given.size() - 1));
        command.addAll(List.of("-jar", jar.toString(), given.get(given.size() - 1)));
        // Into a file: destroy() closes the pipes of a Process, and the child writes after that.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output(jar).toFile());
        List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "COINWATCH_RELAUNCH", "MALLOC_ARENA_MAX")
                .forEach(builder.environment()::remove);
        builder.environment().put("PROBE_READY", jar.resolveSibling("child-ready").toString());
        return builder.start();
    }

    private static Path output(Path jar) {
        return jar.resolveSibling("output.txt");
    }

    private static Path probeJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Probe.class.getName());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry).toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path jar = dir.resolve("probe.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    /** The probe's main: relaunches as the app's main does, then reports what the JVM doing the work got. */
    public static final class Probe {

        public static void main(String[] args) throws Exception {
            MemoryRelaunch.relaunchIfNeeded(args);
            System.out.println("relaunched with " + System.getProperty(MemoryRelaunch.RELAUNCHED_WITH) + "; arena "
                    + System.getenv("MALLOC_ARENA_MAX") + "; max heap " + Runtime.getRuntime().maxMemory() + "; arguments " + List.of(args)
                    + "; pid " + ProcessHandle.current().pid());
            if (args[0].equals("wait")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("child stopped")));
                Files.writeString(Path.of(System.getenv("PROBE_READY")), String.valueOf(ProcessHandle.current().pid()));
                Thread.sleep(60_000);
            }
            System.exit(3);
        }
    }
}
