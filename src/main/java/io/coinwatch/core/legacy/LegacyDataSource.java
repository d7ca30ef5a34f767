package io.coinwatch.core.legacy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The legacy database during a run: one connection in one REPEATABLE READ, READ ONLY transaction, so every page reads
 * the same snapshot and nothing can be written there. Bound in Camel's registry (not a Spring bean: a second
 * DataSource bean would switch off Spring Boot's own) for the legacy-import page routes.
 */
public class LegacyDataSource extends AbstractDataSource {

    private volatile SingleConnectionDataSource session;

    /** Connects and begins the read-only transaction; the message says which URL could not be reached and why. */
    void open(String url, String username, String password) {
        Properties props = new Properties();
        if (username != null && !username.isBlank()) {
            props.setProperty("user", username);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "coinwatch-legacy-import");
        try {
            Connection c = DriverManager.getConnection(url, props);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            c.setAutoCommit(false);
            session = new SingleConnectionDataSource(c, true);
        } catch (SQLException e) {
            throw new LegacyImportException("cannot connect to the legacy database at " + LegacyImport.withoutCredentials(url)
                    + ": " + e.getMessage(), e);
        }
    }

    void close() {
        SingleConnectionDataSource s = session;
        session = null;
        if (s != null) {
            try {
                s.getConnection().rollback();
            } catch (SQLException e) {
                // Closing below ends the transaction anyway.
            }
            s.destroy();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        SingleConnectionDataSource s = session;
        if (s == null) {
            throw new SQLException("no legacy import is running");
        }
        return s.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }
}
