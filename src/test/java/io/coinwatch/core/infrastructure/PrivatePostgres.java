package io.coinwatch.core.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server of the test's own, on a fixed port, that the test may stop and start again on the same
 * data directory, as a database host going down and coming back, without touching the machine's shared server.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final int port = FreePort.find();
    private final Path dataDir = ScratchDirectory.create("coinwatch-private-postgres");
    private EmbeddedPostgres postgres;

    public void start() {
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on port " + port, e);
        }
    }

    /** A fast shutdown (pg_ctl stop -m fast): clients are disconnected, committed data stays. */
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() {
        stop();
        ScratchDirectory.delete(dataDir);
    }
}
