package io.coinwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.coinwatch.CoinwatchApplication;
import io.coinwatch.core.infrastructure.FreePort;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.DatabaseFingerprint;

/**
 * scripts/dev/backup.sh and restore.sh, run as an operator runs them, against an external PostgreSQL: a server of
 * the machine's own PostgreSQL installation (pg_dump refuses a server newer than itself, so the test's embedded
 * PostgreSQL 17 would need a client of 17 that Debian's packages do not have), started for this test in a
 * temporary directory. The restored database holds the same rows in every table, and the application starts on it.
 */
class BackupRestoreTest {

    private static final String[] TOOLS = {"initdb", "pg_ctl", "pg_dump", "pg_restore", "psql"};

    @TempDir
    Path dir;

    @Test
    void aRestoredBackupHoldsTheSameRowsAndTheApplicationStartsOnIt() throws Exception {
        Optional<Path> bin = postgresBinaries();
        Assumptions.assumeTrue(bin.isPresent(), "no PostgreSQL installation with " + String.join(", ", TOOLS)
                + " in /usr/lib/postgresql/*/bin: backup and restore cannot be run here");
        int port = FreePort.find();
        Path data = serverDirectory();
        run(Map.of(), server(bin.get(), "initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8"));
        run(Map.of(), server(bin.get(), "pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w",
                "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1", "start"));
        String server = "jdbc:postgresql://127.0.0.1:" + port + "/";
        try {
            jdbc(server + "postgres").execute("CREATE DATABASE coinwatch");
            Flyway.configure().dataSource(server + "coinwatch", "postgres", "").locations("classpath:db/migration").load().migrate();
            JdbcTemplate original = jdbc(server + "coinwatch");
            seed(original);
            Map<String, String> before = fingerprint(original);

            Path dump = dir.resolve("backups/coinwatch.dump");
            String backup = run(Map.of("COINWATCH_DB_URL", server + "coinwatch", "PGUSER", "postgres"), "scripts/dev/backup.sh", dump.toString());
            assertThat(backup).contains("saved to " + dump);
            assertThat(dump).isNotEmptyFile();
            Map<String, String> restoredDb = Map.of("COINWATCH_DB_URL", server + "coinwatch_restored", "PGUSER", "postgres");
            assertThat(run(restoredDb, "scripts/dev/restore.sh", dump.toString())).contains("restored into coinwatch_restored");
            JdbcTemplate restored = jdbc(server + "coinwatch_restored");
            assertThat(fingerprint(restored)).isEqualTo(before);
            assertThat(before.get("candle")).startsWith("600:");

            // A second restore into the same database is refused: nothing is overwritten without --replace.
            assertThat(exitCode(restoredDb, "scripts/dev/restore.sh", dump.toString())).isNotZero();
            restored.update("DELETE FROM coin_sentiment");
            assertThat(run(restoredDb, "scripts/dev/restore.sh", "--replace", dump.toString())).contains("restored into coinwatch_restored");
            assertThat(fingerprint(jdbc(server + "coinwatch_restored"))).isEqualTo(before);

            assertTheApplicationStartsOn(server + "coinwatch_restored");
        } finally {
            run(Map.of(), server(bin.get(), "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"));
        }
    }

    /**
     * PostgreSQL's server tools refuse to run as root (as a build container often does): then they run as the
     * installation's postgres user, in a directory of its own.
     */
    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Path serverDirectory() throws IOException {
        Path data = dir.resolve("pg");
        Files.createDirectories(data);
        if (asRoot()) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setOwner(data, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        return data.resolve("data");
    }

    private static String[] server(Path bin, String tool, String... args) {
        List<String> cmd = new ArrayList<>(asRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of());
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    private static void assertTheApplicationStartsOn(String url) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CoinwatchApplication.class).profiles("test").run(
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--server.port=0",
                "--coinwatch.roles=market-data,monitor", "--spring.jmx.unique-names=true", "--spring.datasource.hikari.maximum-pool-size=5")) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(api.getOk("/api/v1/system/health").path("components").path("database").path("status").asText()).isEqualTo("UP");
            assertThat(api.getOk("/api/v1/market-data/symbols/BACKUPAUSDT").path("launchTime").asLong())
                    .isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        }
    }

    /** Rows of every table the application's flows write, and the schema history, both as rows and content. */
    private static Map<String, String> fingerprint(JdbcTemplate jdbc) {
        Map<String, String> fingerprint = new java.util.LinkedHashMap<>(DatabaseFingerprint.of(jdbc));
        fingerprint.put("flyway_schema_history", jdbc.queryForObject(
                "SELECT count(*) || ':' || string_agg(version || script || checksum, '|' ORDER BY installed_rank) FROM flyway_schema_history",
                String.class));
        return fingerprint;
    }

    private static void seed(JdbcTemplate jdbc) {
        Timestamp launch = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
        jdbc.update("""
                INSERT INTO symbol (exchange, symbol, base_asset, quote_asset, contract_type, status, launch_time) VALUES
                ('bybit', 'BACKUPAUSDT', 'BACKUPA', 'USDT', 'LinearPerpetual', 'Trading', ?),
                ('bybit', 'BACKUPBUSDT', 'BACKUPB', 'USDT', 'LinearPerpetual', 'Trading', ?)""", launch, launch);
        jdbc.queryForObject("SELECT ensure_candle_partitions(?, ?)", Integer.class, launch, Timestamp.from(Instant.parse("2025-03-01T00:00:00Z")));
        // 300 candles per symbol across a month boundary, so two partitions hold rows.
        jdbc.update("""
                INSERT INTO candle SELECT s.id, 5, ?::timestamptz + interval '31 days' - interval '12 hours' + i * interval '5 minutes',
                    100 + i * 0.01, 101 + i * 0.01, 99 + i * 0.01, 100.5 + i * 0.0000001, 1000 + i, 123456.789 * i
                FROM symbol s, generate_series(0, 299) i""", launch);
        jdbc.update("""
                INSERT INTO backfill_progress (symbol_id, interval_minutes, range_start, range_end, next_open_time, status)
                SELECT id, 5, launch_time, launch_time + interval '30 days', launch_time + interval '30 days 5 minutes', 'done' FROM symbol""");
        jdbc.update("INSERT INTO candle_gap (symbol_id, interval_minutes, gap_start, gap_end, status) SELECT id, 5, ?, ?, 'open' FROM symbol",
                launch, launch);
        jdbc.update("INSERT INTO candle_quarantine (symbol_id, interval_minutes, open_time, raw, reason) SELECT id, 5, 0, 'raw', 'high below low' FROM symbol");
        jdbc.update("""
                INSERT INTO coin_metadata (coin_id, symbol, name, description, categories) VALUES ('backup-a', 'backupa', 'Backup A', 'Ä ü 😀', '["x"]')""");
        jdbc.update("INSERT INTO coin_platform VALUES ('backup-a', 'ethereum', '0xabc')");
        jdbc.update("""
                INSERT INTO coin_mapping (exchange, base_asset, coin_id, method, detail) VALUES ('bybit', 'BACKUPA', 'backup-a', 'override', 'test')""");
        jdbc.update("INSERT INTO coin_market_snapshot (coin_id, collected_at, current_price) VALUES ('backup-a', now(), 0.000000001234)");
        jdbc.update("INSERT INTO coin_sentiment (coin_id, source, collected_at, handle, score, samples) VALUES ('backup-a', 'reddit', now(), 'r/a', 0.5, 3)");
    }

    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
    }

    /** The newest /usr/lib/postgresql/N/bin that has every tool the test and the scripts use. */
    private static Optional<Path> postgresBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Stream.of(TOOLS).allMatch(t -> Files.isExecutable(b.resolve(t))))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }

    private static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Result r = execute(env, command);
        assertThat(r.exitCode).as(String.join(" ", command) + ":\n" + r.output).isZero();
        return r.output;
    }

    private static int exitCode(Map<String, String> env, String... command) throws IOException, InterruptedException {
        return execute(env, command).exitCode;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result execute(Map<String, String> env, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File("."));
        pb.environment().putAll(env);
        // The scripts must find no database but the one named (an operator's shell may have these set).
        pb.environment().remove("SPRING_DATASOURCE_URL");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
