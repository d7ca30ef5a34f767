package io.coinwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.DefaultHealthContributorRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.health.BrokerHealth;
import io.coinwatch.core.health.DatabaseHealth;
import io.coinwatch.core.health.OutboxHealth;
import io.coinwatch.core.infrastructure.PrivateAmqpBroker;
import io.coinwatch.core.messaging.MessagingProperties;
import io.coinwatch.core.messaging.OutboxRelay;
import io.coinwatch.support.CoinwatchIntegrationTest;

/**
 * Health follows the broker down and back up. The broker is a Qpid the test runs on a port of its own, so taking it
 * down never touches the RabbitMQ the rest of the suite (and other people's runs) use.
 */
@CoinwatchIntegrationTest
class HealthWithPrivateBrokerTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired OutboxRelay outbox;
    @Autowired MessagingProperties messaging;

    @Test
    void healthIsDegradedWhileTheBrokerIsDownAndUpAgainOnceItIsBack() throws Exception {
        try (PrivateAmqpBroker broker = new PrivateAmqpBroker()) {
            CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", broker.port());
            connections.setUsername("guest");
            connections.setPassword("guest");
            connections.setConnectionTimeout(2000);
            SystemHealth health = new SystemHealth(new DefaultHealthContributorRegistry(Map.of("database", new DatabaseHealth(jdbc),
                    "broker", new BrokerHealth(connections, messaging), "outbox", new OutboxHealth(outbox, messaging))));
            try {
                broker.start();
                // A backlog of the shared context's outbox may keep the overall status DEGRADED; the broker component
                // is what this test follows.
                await().atMost(Duration.ofSeconds(30)).until(() -> brokerStatus(health) == SystemHealth.Status.UP);

                broker.stop();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    SystemHealth.Report report = health.report();
                    assertThat(report.status()).as("%s", report).isEqualTo(SystemHealth.Status.DEGRADED);
                });
                SystemHealth.Report down = health.report();
                assertThat(down.components().get("broker").status()).isEqualTo(SystemHealth.Status.DOWN);
                assertThat(down.components().get("broker").details().get("error").toString()).isNotBlank();
                assertThat(down.components().get("database").status()).isEqualTo(SystemHealth.Status.UP);

                broker.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> brokerStatus(health) == SystemHealth.Status.UP);
                assertThat(health.report().status()).isNotEqualTo(SystemHealth.Status.DOWN);
            } finally {
                connections.destroy();
            }
        }
    }

    private static SystemHealth.Status brokerStatus(SystemHealth health) {
        return health.report().components().get("broker").status();
    }
}
