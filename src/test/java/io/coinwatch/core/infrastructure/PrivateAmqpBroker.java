package io.coinwatch.core.infrastructure;

import java.nio.file.Path;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.apache.qpid.server.SystemLauncher;

/**
 * A Qpid broker a test starts and stops itself on a port of its own, so a test can take a broker down without
 * touching the RabbitMQ other tests and other people's runs share. Started again, it listens on the same port and
 * finds the messages it held, as a restarted RabbitMQ node finds its durable queues' persistent messages.
 */
public final class PrivateAmqpBroker implements AutoCloseable {

    private final int port = FreePort.find();
    private final Path dataDir = ScratchDirectory.create("coinwatch-private-broker");
    private SystemLauncher launcher;

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

    /** A plain RabbitMQ-client connection to it, as guest. */
    public Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory.newConnection();
    }

    @Override
    public void close() {
        stop();
        ScratchDirectory.delete(dataDir);
    }
}
