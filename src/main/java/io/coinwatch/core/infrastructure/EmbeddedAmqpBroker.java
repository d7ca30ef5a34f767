package io.coinwatch.core.infrastructure;

import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.SystemConfig;
import org.springframework.boot.SpringApplication;

/**
 * An in-process AMQP 0-9-1 broker (Apache Qpid Broker-J) for a machine without RabbitMQ. Its messages live in a
 * Derby store in the data directory, so a restart loses no queued event (its configuration is rebuilt at each start).
 * It speaks the protocol the RabbitMQ client and camel-spring-rabbitmq use; RabbitMQ-only queue arguments
 * (x-dead-letter-exchange, x-message-ttl) are refused by it, which is why parking lives in the application.
 * Qpid's defaults are sized for a broker serving many clients; here a handful of local connections carry small
 * events, so qpid-broker.json cuts them (issue #20, memory): the virtual host's connection pool to 8 threads and 1
 * selector (64 threads started up front by default) and the direct network buffers to Qpid's minimum of 64 KiB,
 * at most 64 of them pooled (256 KiB and 1,024 by default: 19-43 MiB of direct memory in a backfill). A message
 * larger than a buffer still passes, split into frames of that size.
 */
final class EmbeddedAmqpBroker {

    private static EmbeddedAmqpBroker instance;

    private final int port;

    private EmbeddedAmqpBroker(int port) {
        this.port = port;
    }

    static synchronized EmbeddedAmqpBroker start(int requestedPort, Path dataDir, boolean clean) {
        if (instance == null) {
            int port = requestedPort > 0 ? requestedPort : FreePort.find();
            try {
                AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
                SystemLauncher launcher = launch(port, DataDirectory.prepare(dataDir, clean), system::set);
                // Stopped once every application context has closed, not by Qpid's own JVM shutdown hook, which ran
                // beside Spring's and took the broker away from consumers still stopping (ERRORs on Ctrl-C).
                removeQpidShutdownHook(system.get());
                SpringApplication.getShutdownHandlers().add(launcher::shutdown);
                instance = new EmbeddedAmqpBroker(port);
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the embedded AMQP broker on port " + port, e);
            }
        }
        return instance;
    }

    /**
     * Starts a broker on the port with its message store in dataDir and returns it running; stopping it (shutdown())
     * is the caller's business. A broker started again on the same directory finds the messages it had.
     */
    static SystemLauncher launch(int port, Path dataDir) throws Exception {
        return launch(port, dataDir, system -> { });
    }

    private static SystemLauncher launch(int port, Path dataDir, Consumer<SystemConfig<?>> onResolve) throws Exception {
        Files.createDirectories(dataDir);
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> system) {
                onResolve.accept(system);
            }
        });
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", resource("embedded/qpid-broker.json"));
        // Left unset, Qpid resolves a classpath: URL that only its own main class can open.
        attributes.put("initialSystemPropertiesLocation", resource("embedded/qpid-system.properties"));
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("preferenceStoreAttributes", Map.of("type", "Noop"));
        Map<String, String> context = new HashMap<>();
        context.put("qpid.amqp_port", String.valueOf(port));
        context.put("qpid.work_dir", dataDir.toAbsolutePath().toString());
        attributes.put("context", context);
        launcher.startup(attributes);
        return launcher;
    }

    /** Qpid offers no switch for the hook its broker registers when it opens; it keeps it in a private field. */
    private static void removeQpidShutdownHook(SystemConfig<?> system) throws ReflectiveOperationException {
        Object broker = system.getContainer();
        Field hook = BrokerImpl.class.getDeclaredField("_shutdownHook");
        hook.setAccessible(true);
        Runtime.getRuntime().removeShutdownHook((Thread) hook.get(broker));
    }

    int port() {
        return port;
    }

    private static String resource(String name) {
        URL url = EmbeddedAmqpBroker.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("Missing resource " + name);
        }
        return url.toExternalForm();
    }
}
