package io.coinwatch.core.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;

/**
 * A real PostgreSQL server run from the binaries in a Maven artifact. One per JVM: the test suite's Spring
 * contexts share it, and it stops when the JVM exits, after the application contexts have closed.
 */
final class EmbeddedPostgresServer {

    private static EmbeddedPostgresServer instance;

    /** Long enough for the checkpoint of a server under a sync's writes. */
    private static final Duration LEFTOVER_STOP = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final OptionalLong stoppedLeftover;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, OptionalLong stoppedLeftover) {
        this.postgres = postgres;
        this.stoppedLeftover = stoppedLeftover;
    }

    /** Starts the server once per JVM, after stopping one a killed run left on the data directory (its pid, if any). */
    static synchronized EmbeddedPostgresServer start(Path dataDir, boolean clean) {
        if (instance == null) {
            try {
                OptionalLong leftover = LeftoverPostgres.stop(dataDir, LEFTOVER_STOP);
                DataDirectory.prepare(dataDir, clean);
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "100")
                        // Stopped by the shutdown handler below, after the application contexts, not by a hook of its own.
                        .setRegisterShutdownHook(false)
                        .start();
                instance = new EmbeddedPostgresServer(pg, leftover);
                // Spring Boot runs its shutdown handlers once every application context has closed; a JVM shutdown
                // hook of its own ran beside the context's and stopped the database under Quartz and the consumers.
                SpringApplication.getShutdownHandlers().add(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory stays consistent thanks to PostgreSQL's WAL
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
            }
        }
        return instance;
    }

    /** The pid of the server a killed run had left running on the data directory, stopped before this one started. */
    OptionalLong stoppedLeftover() {
        return stoppedLeftover;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }
}
