package io.coinwatch.core.infrastructure;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL a killed run left behind. Nothing stops the server when its JVM dies by SIGKILL (the OOM
 * killer, kill -9), and it keeps holding the data directory, so the next start gave up waiting for a server of its
 * own until someone found the old one and stopped it.
 */
final class LeftoverPostgres {

    /** The file EmbeddedPostgres locks for as long as the JVM that started the server lives. */
    private static final String OWNER_LOCK = "epg-lock";

    private LeftoverPostgres() {
    }

    /**
     * Stops the server running on the data directory when no live process owns it, and waits for it to exit.
     *
     * @return the pid of the server it stopped, if it stopped one
     */
    static OptionalLong stop(Path dataDir, Duration timeout) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Path lockFile = dataDir.resolve(OWNER_LOCK);
        if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
            return OptionalLong.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock owner = channel.tryLock()) {
            if (owner == null) {
                return OptionalLong.empty(); // a live process's server: its own start will say the directory is taken
            }
            String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            if (!firstLine.matches("\\d+")) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(firstLine);
            ProcessHandle server = ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)).orElse(null);
            if (server == null) {
                return OptionalLong.empty(); // a stale pid file: PostgreSQL recovers from it on its own
            }
            // SIGTERM, a smart shutdown: the server's clients died with their JVM, so it checkpoints and exits.
            server.destroy();
            server.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return OptionalLong.of(pid);
        } catch (TimeoutException e) {
            throw new IOException("The PostgreSQL a killed run left on " + dataDir + " did not stop within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the PostgreSQL a killed run left on " + dataDir, e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }
}
