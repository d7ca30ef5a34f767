package io.coinwatch.core.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Gives each test JVM an empty database on the machine's PostgreSQL, so every run proves the migrations
 * against an empty schema and no run sees another's rows.
 */
final class LocalPostgres {

    private static final Set<String> prepared = new HashSet<>();

    private LocalPostgres() {
    }

    static synchronized String freshDatabase(String host, int port, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        if (prepared.add(database)) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                // Identifiers cannot be bound as parameters; the name is checked against a strict pattern above.
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not prepare database " + database + " on " + host + ":" + port, e);
            }
        }
        return url;
    }
}
