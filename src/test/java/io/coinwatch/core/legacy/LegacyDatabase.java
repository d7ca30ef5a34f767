package io.coinwatch.core.legacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A scratch database with the Python Coinwatch's schema (src/test/resources/legacy/python-schema.sql), created on
 * the test's PostgreSQL server beside the test database, and dropped again by the test that made it.
 */
final class LegacyDatabase implements AutoCloseable {

    private final JdbcTemplate server;
    private final String name = "legacy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String url;
    private final String username;
    private final String password;
    private final DriverManagerDataSource dataSource;

    /** @param coinwatchUrl the test database's JDBC URL: the scratch one lives on the same server */
    LegacyDatabase(JdbcTemplate server, String coinwatchUrl, String username, String password) {
        this.server = server;
        this.url = coinwatchUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        this.username = username;
        this.password = password;
        server.execute("CREATE DATABASE " + name);
        dataSource = new DriverManagerDataSource(url, username, password);
        jdbc().execute(schema());
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    String url() {
        return url;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    static String schema() {
        try {
            return new ClassPathResource("legacy/python-schema.sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
