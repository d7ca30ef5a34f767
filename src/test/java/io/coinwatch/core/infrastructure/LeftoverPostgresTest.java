package io.coinwatch.core.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A JVM that started the embedded PostgreSQL is killed with SIGKILL, as the OOM killer does: its server keeps running
 * on the data directory, and the next start must stop it, but never a server whose JVM still lives.
 */
class LeftoverPostgresTest {

    private final Path dataDir = ScratchDirectory.create("coinwatch-leftover-postgres");
    private Process predecessor;
    private long serverPid;

    /** The killed run: starts the embedded PostgreSQL on the directory it is given, says so, and waits. */
    public static final class Predecessor {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
            System.out.println("ready");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @AfterEach
    void cleanUp() {
        if (predecessor != null) {
            predecessor.destroyForcibly();
        }
        ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
        ScratchDirectory.delete(dataDir);
    }

    @Test
    void theServerOfAKilledRunIsStoppedAndTheNextStartSucceeds() throws Exception {
        startPredecessor();
        ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();

        assertThat(LeftoverPostgres.stop(dataDir, Duration.ofSeconds(30))).as("the owner lives").isEmpty();
        assertThat(server.isAlive()).isTrue();

        predecessor.destroyForcibly();
        assertThat(predecessor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.isAlive()).as("the server outlives its killed JVM").isTrue();

        assertThat(LeftoverPostgres.stop(dataDir, Duration.ofSeconds(30))).isEqualTo(OptionalLong.of(serverPid));
        assertThat(server.isAlive()).isFalse();

        try (EmbeddedPostgres next = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
                Connection connection = next.getPostgresDatabase().getConnection();
                ResultSet rs = connection.createStatement().executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(LeftoverPostgres.stop(dataDir, Duration.ofSeconds(30))).as("a clean shutdown leaves nothing to stop").isEmpty();
    }

    private void startPredecessor() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        predecessor = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Predecessor.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(predecessor.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = output.readLine();
        } while (line != null && !line.equals("ready"));
        assertThat(line).as("the predecessor started its server").isEqualTo("ready");
        Path pidFile = dataDir.resolve("postmaster.pid");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile));
        serverPid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }
}
