package io.coinwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.DefaultHealthContributorRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.coinwatch.core.health.BrokerHealth;
import io.coinwatch.core.health.DatabaseHealth;
import io.coinwatch.core.health.OutboxHealth;
import io.coinwatch.core.infrastructure.InfrastructureFingerprint;
import io.coinwatch.core.messaging.MessagingProperties;
import io.coinwatch.core.messaging.OutboxRelay;
import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.core.roles.InstanceIdentity;
import io.coinwatch.support.CoinwatchIntegrationTest;

/**
 * A PostgreSQL of the test's own (so stopping it never touches the shared one): the migrations apply to it empty,
 * and health follows it down and reports DOWN.
 */
@CoinwatchIntegrationTest
class HealthWithPrivateDatabaseTest {

    @Autowired ConnectionFactory brokerConnections;
    @Autowired MessagingProperties messaging;
    @Autowired MonitorProperties monitor;
    @Autowired JsonColumns json;
    @Autowired InstanceIdentity identity;
    @Autowired ObjectMapper mapper;

    @Test
    void migrationsApplyToAnEmptyDatabaseAndHealthReportsTheDatabaseDownWhenItIsDown() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        dataSource.setConnectionTimeout(1000);
        dataSource.setValidationTimeout(500);
        try {
            MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(3);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", String.class))
                    .contains("symbol", "candle", "candle_gap", "candle_quarantine", "backfill_progress", "event_outbox",
                            "parked_message", "camel_messageprocessed", "qrtz_triggers", "monitor_event", "monitor_instance",
                            "monitor_alert");
            assertThat(jdbc.queryForObject("SELECT relkind::text FROM pg_class WHERE relname = 'candle'", String.class))
                    .as("candle is partitioned").isEqualTo("p");

            MonitorStore store = new MonitorStore(jdbc, new TransactionTemplate(new JdbcTransactionManager(dataSource)), json, monitor);
            InstanceDirectory instances = new InstanceDirectory(store, monitor, new InfrastructureFingerprint(jdbc, brokerConnections));
            SystemHealth health = new SystemHealth(new DefaultHealthContributorRegistry(Map.of(
                    "database", new DatabaseHealth(jdbc), "broker", new BrokerHealth(brokerConnections, messaging),
                    "outbox", new OutboxHealth(new OutboxRelay(jdbc, messaging), messaging),
                    "services", new ServicesHealth(instances),
                    "exchanges", new ExchangesHealth(new ExchangeStates(List.of(), instances, identity, mapper)))));
            assertThat(health.report().status()).isEqualTo(SystemHealth.Status.UP);
            assertThat(health.report().components()).containsKeys("database", "broker", "services", "exchanges");

            pg.close();

            SystemHealth.Report down = health.report();
            assertThat(down.status()).isEqualTo(SystemHealth.Status.DOWN);
            assertThat(down.components().get("database").status()).isEqualTo(SystemHealth.Status.DOWN);
            assertThat(down.components().get("database").details().get("error").toString()).isNotBlank();
            assertThat(down.components().get("broker").status()).isEqualTo(SystemHealth.Status.UP);
        } finally {
            dataSource.close();
            pg.close();
        }
    }
}
