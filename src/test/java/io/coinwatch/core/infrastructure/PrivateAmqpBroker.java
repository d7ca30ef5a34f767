package io.coinwatch.core.infrastructure;

import org.apache.qpid.server.SystemLauncher;

/**
 * A Qpid broker a test starts and stops itself on a port of its own, so a test can take a broker down without
 * touching the RabbitMQ other tests and other people's runs share.
 */
public final class PrivateAmqpBroker implements AutoCloseable {

    private final int port = FreePort.find();
    private SystemLauncher launcher;

    public int port() {
        return port;
    }

    public void start() throws Exception {
        launcher = EmbeddedAmqpBroker.launch(port);
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
    }
}
