package io.coinwatch.core.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Gives plain {@code java -jar coinwatch.jar} the memory settings that {@code ./mvnw spring-boot:run} and the image
 * start the JVM with (BENCHMARKS.md, Memory). A JVM cannot change its maximum heap, collector or code cache once
 * started, and without them it takes a quarter of the machine's RAM as heap, so when the JVM was started by
 * {@code java [options] -jar} without a heap setting, this runs the same java again with the settings of
 * jvm-memory.properties before the original arguments, waits for it and exits with its exit code. The relaunch is
 * left out when the user set the heap (-Xmx, -XX:MaxHeapSize, -XX:MaxRAM*), gave JVM options through the environment
 * (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS: the child would inherit them twice over), loaded an agent (a
 * debugger must stay attached to the JVM that does the work), opted out (COINWATCH_RELAUNCH=false,
 * -Dcoinwatch.relaunch=false or --coinwatch.relaunch=false), or when the JVM was not started with -jar (tests, the
 * Maven plugin, the simulator's PropertiesLauncher).
 */
public final class MemoryRelaunch {

    /** Set on the relaunched JVM to the options it was given, for the start-up log line (StartupReport). */
    public static final String RELAUNCHED_WITH = "coinwatch.relaunched-with";
    private static final String OPT_OUT = "coinwatch.relaunch";
    private static final List<String> ENVIRONMENT_OPTIONS = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final List<String> HEAP_OPTIONS = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAM");
    private static final List<String> AGENT_OPTIONS = List.of("-agentlib:", "-agentpath:", "-javaagent:", "-Xrun", "-Xdebug");

    /** The settings in force: the JVM options (in order) and glibc's MALLOC_ARENA_MAX. */
    public record Settings(List<String> jvmOptions, String mallocArenaMax) {

        public static Settings packaged() {
            Properties properties = new Properties();
            try (InputStream in = MemoryRelaunch.class.getResourceAsStream("jvm-memory.properties")) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Settings(Arrays.asList(properties.getProperty("jvm-options").trim().split("\\s+")),
                    properties.getProperty("malloc-arena-max").trim());
        }
    }

    private MemoryRelaunch() {
    }

    /**
     * Called first in main: returns when this JVM is to run the application; otherwise runs the relaunched one to its
     * end and exits with its code. When the parent of a relaunched JVM dies (SIGKILL), the child stops too.
     */
    public static void relaunchIfNeeded(String[] args) {
        if (System.getProperty(RELAUNCHED_WITH) != null) {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(143)));
            return;
        }
        ProcessHandle.Info self = ProcessHandle.current().info();
        Settings settings = Settings.packaged();
        Optional<List<String>> command = self.command().flatMap(java -> self.arguments()
                .flatMap(arguments -> command(java, List.of(arguments), System.getenv(), settings)));
        if (command.isEmpty()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", settings.mallocArenaMax());
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            System.err.println("Coinwatch: could not relaunch the JVM with the memory settings, running without them: " + e);
            return;
        }
        if (command.get().stream().anyMatch(a -> a.startsWith("-XX:StartFlightRecording"))) {
            dropOwnRecordings();
        }
        // SIGTERM / Ctrl-C reach this JVM: pass them on and let the child's graceful shutdown finish first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            waitFor(child);
        }, "coinwatch-relaunch-stop"));
        System.exit(waitFor(child));
    }

    /**
     * The relaunched JVM's command line for a JVM started as {@code java} with {@code arguments} (the JVM options,
     * then -jar and what follows) in the environment {@code env}, or empty when this JVM is to run the application.
     */
    static Optional<List<String>> command(String java, List<String> arguments, Map<String, String> env, Settings settings) {
        int jar = arguments.indexOf("-jar");
        if (jar < 0 || jar == arguments.size() - 1 || arguments.subList(0, jar).stream().anyMatch(a -> !a.startsWith("-"))) {
            return Optional.empty();
        }
        List<String> jvmOptions = arguments.subList(0, jar);
        boolean optedOut = "false".equalsIgnoreCase(env.get("COINWATCH_RELAUNCH")) || jvmOptions.contains("-D" + OPT_OUT + "=false")
                || arguments.subList(jar + 2, arguments.size()).contains("--" + OPT_OUT + "=false");
        boolean environmentOptions = ENVIRONMENT_OPTIONS.stream().anyMatch(name -> !env.getOrDefault(name, "").isBlank());
        boolean heapOrAgent = jvmOptions.stream().anyMatch(a -> HEAP_OPTIONS.stream().anyMatch(a::startsWith)
                || AGENT_OPTIONS.stream().anyMatch(a::startsWith));
        if (optedOut || environmentOptions || heapOrAgent) {
            return Optional.empty();
        }
        // A collector chosen on the command line wins over the settings' one (two would stop the JVM).
        boolean collectorChosen = jvmOptions.stream().anyMatch(MemoryRelaunch::selectsCollector);
        List<String> memory = settings.jvmOptions().stream().filter(o -> !(collectorChosen && selectsCollector(o))).toList();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(memory);
        command.add("-D" + RELAUNCHED_WITH + "=" + String.join(" ", memory));
        command.addAll(arguments);
        return Optional.of(command);
    }

    /**
     * The child records with the same options, into the same file; this JVM's recording, written when it exits after
     * the child, would replace the child's with one of a JVM that only waited.
     */
    private static void dropOwnRecordings() {
        try {
            jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().forEach(jdk.jfr.Recording::close);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("Coinwatch: could not drop the launcher JVM's flight recording: " + e);
        }
    }

    private static boolean selectsCollector(String option) {
        return option.matches("-XX:\\+Use\\w+GC");
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // The exit code is all that is left to do; keep waiting for it.
            }
        }
    }
}
