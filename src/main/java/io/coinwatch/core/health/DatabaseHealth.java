package io.coinwatch.core.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The database, probed live; DOWN makes the whole health DOWN (nothing can be stored or served). */
@Component("databaseHealthIndicator")
public class DatabaseHealth extends ComponentHealth {

    private final JdbcTemplate jdbc;

    public DatabaseHealth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected Health check() {
        return Health.up().withDetail("version", jdbc.queryForObject("SELECT current_setting('server_version')", String.class)).build();
    }
}
