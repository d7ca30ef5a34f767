package io.coinwatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coinwatch.CoinwatchApplication;
import io.coinwatch.core.infrastructure.FreePort;

/**
 * The application as a separate operating-system process, started from the test's own classpath with the given
 * settings: a test can kill it (SIGKILL), start it again, and take its database or broker away while it runs.
 * Its output goes to target/processes/{name}.log, which a failing test prints the end of.
 */
public final class CoinwatchProcess implements AutoCloseable {

    private final String name;
    private final Map<String, String> settings;
    private final List<String> jvmOptions;
    private static final HttpClient PROBE = HttpClient.newHttpClient();

    private final int port = FreePort.find();
    private final Path log;
    private Process process;

    public CoinwatchProcess(String name, Map<String, String> settings) {
        this(name, settings, List.of("-Xmx512m", "-XX:+UseSerialGC"));
    }

    /** With JVM options of its own (a smaller heap for tests that run several processes at once). */
    public CoinwatchProcess(String name, Map<String, String> settings, List<String> jvmOptions) {
        this.name = name;
        this.settings = settings;
        this.jvmOptions = jvmOptions;
        this.log = Path.of("target", "processes", name + ".log");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public ApiClient api() {
        return new ApiClient(port);
    }

    /** Starts the process and waits until its HTTP server answers health (whatever the status). */
    public void start(Duration timeout) {
        launch();
        awaitHealth(timeout);
    }

    /** Starts the process without waiting for it, so that several start at once ({@link #awaitHealth}). */
    public void launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        // The suite's logback-test.xml keeps the console to warnings; this process's output file gets it all.
        command.addAll(List.of("-Dcoinwatch.log.console-threshold=INFO", "-Dcoinwatch.log.file=target/logs/" + name + ".log"));
        command.addAll(List.of("-cp", ManagementFactory.getRuntimeMXBean().getClassPath(), CoinwatchApplication.class.getName(),
                "--server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== start " + Instant.now() + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the launched process's HTTP server answers health (whatever the status). */
    public void awaitHealth(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (healthStatus() > 0) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " did not answer within " + timeout + ":\n" + logTail());
    }

    /**
     * The HTTP status of GET /api/v1/system/health, or 0 when nothing answers. A probe, not an API call: it is not
     * checked against the OpenAPI document, since a starting process answers 404 before its REST routes are up.
     */
    public int healthStatus() {
        try {
            return PROBE.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/system/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The status of one component of /api/v1/system/health (UP, DEGRADED, DOWN), or "unanswered". */
    public String healthOf(String component) {
        try {
            return ApiClient.json(api().send("GET", "/api/v1/system/health")).path("components").path(component).path("status").asText("absent");
        } catch (IllegalStateException | AssertionError e) {
            return "unanswered";
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as a crash or the OOM killer would end it. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM, as Ctrl-C or an orchestrator stops it, and waits for the process to exit; returns its exit code. */
    public int terminate(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still running " + timeout + " after SIGTERM:\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** The length of the output so far, to read what comes after it with {@link #outputSince}. */
    public long outputLength() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String outputSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, and SIGKILL if that has not ended it within a minute, so a hung shutdown does not hang the suite. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
