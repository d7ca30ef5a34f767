package io.coinwatch.core.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.qpid.server.SystemLauncher;

/**
 * A Qpid broker a test starts and stops itself on a port of its own, so a test can take a broker down without
 * touching the RabbitMQ other tests and other people's runs share. Started again, it listens on the same port and
 * finds the messages it held, as a restarted RabbitMQ node finds its durable queues' persistent messages.
 */
public final class PrivateAmqpBroker implements AutoCloseable {

    private final int port = FreePort.find();
    private final Path dataDir;
    private SystemLauncher launcher;

    public PrivateAmqpBroker() {
        try {
            dataDir = Files.createTempDirectory("coinwatch-private-broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public void start() throws Exception {
        launcher = EmbeddedAmqpBroker.launch(port, dataDir);
    }

    public void stop() {
        if (launcher != null) {
            launcher.shutdown();
            launcher = null;
        }
    }

    @Override
    public void close() {
        stop();
        try {
            DataDirectory.prepare(dataDir, true);
            Files.delete(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
