package io.coinwatch.core.infrastructure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database and the broker before any bean exists, so every Spring Boot auto-configuration
 * (Hikari, Flyway, Quartz, Rabbit with publisher confirms) works unchanged in all three cases:
 * <ul>
 *   <li>configured: spring.datasource.url / spring.rabbitmq.host (or addresses) are set: use them;</li>
 *   <li>local: coinwatch.infrastructure.prefer-local-services=true (the test profile) and PostgreSQL or RabbitMQ
 *       answer on their standard local ports: use them, with a fresh database per run;</li>
 *   <li>embedded (the default on a machine with only a JDK): start PostgreSQL and an AMQP 0-9-1 broker in-process.</li>
 * </ul>
 * The decision is published as coinwatch.infrastructure.database / .broker so the start-up banner and the tests can report it.
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "coinwatchInfrastructure";

    private final Log log;

    public EmbeddedInfrastructure(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedInfrastructure.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        boolean preferLocal = env.getProperty("coinwatch.infrastructure.prefer-local-services", Boolean.class, false);
        String localHost = env.getProperty("coinwatch.infrastructure.local-host", "127.0.0.1");

        if (env.getProperty("spring.datasource.url") != null) {
            props.put("coinwatch.infrastructure.database", "external " + env.getProperty("spring.datasource.url"));
        } else if (preferLocal && reachable(localHost, 5432)) {
            String database = env.getProperty("coinwatch.infrastructure.local-database", "coinwatch_test");
            String url = LocalPostgres.freshDatabase(localHost, 5432, database);
            props.put("spring.datasource.url", url);
            props.put("spring.datasource.username", "postgres");
            props.put("coinwatch.infrastructure.database", "local PostgreSQL " + url);
        } else {
            Path dataDir = Path.of(env.getProperty("coinwatch.embedded.postgres.data-dir", "data/postgres"));
            boolean clean = env.getProperty("coinwatch.embedded.postgres.clean", Boolean.class, false);
            EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, clean);
            pg.stoppedLeftover().ifPresent(pid -> log.warn("Stopped the embedded PostgreSQL (pid " + pid + ") that a killed run had left on "
                    + dataDir.toAbsolutePath() + " before starting this one"));
            props.put("spring.datasource.url", pg.jdbcUrl());
            props.put("spring.datasource.username", "postgres");
            props.put("coinwatch.infrastructure.database", "embedded PostgreSQL " + pg.jdbcUrl() + " (data in " + dataDir.toAbsolutePath() + ")");
        }

        if (env.getProperty("spring.rabbitmq.host") != null || env.getProperty("spring.rabbitmq.addresses") != null) {
            props.put("coinwatch.infrastructure.broker", "external RabbitMQ " + Objects.toString(
                    env.getProperty("spring.rabbitmq.addresses"), env.getProperty("spring.rabbitmq.host") + ":" + env.getProperty("spring.rabbitmq.port", "5672")));
        } else if (preferLocal && reachable(localHost, 5672)) {
            props.put("spring.rabbitmq.host", localHost);
            props.put("spring.rabbitmq.port", 5672);
            props.put("coinwatch.infrastructure.broker", "local RabbitMQ " + localHost + ":5672");
        } else {
            int port = env.getProperty("coinwatch.embedded.broker.port", Integer.class, 0);
            Path brokerDir = Path.of(env.getProperty("coinwatch.embedded.broker.data-dir", "data/broker"));
            boolean clean = env.getProperty("coinwatch.embedded.broker.clean", Boolean.class, false);
            EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(port, brokerDir, clean);
            props.put("spring.rabbitmq.host", "127.0.0.1");
            props.put("spring.rabbitmq.port", broker.port());
            props.put("spring.rabbitmq.username", "guest");
            props.put("spring.rabbitmq.password", "guest");
            props.put("coinwatch.infrastructure.broker", "embedded AMQP 0-9-1 broker (Qpid Broker-J) 127.0.0.1:" + broker.port()
                    + " (data in " + brokerDir.toAbsolutePath() + ")");
        }
        if (env.getProperty("coinwatch.simulator.enabled", Boolean.class, false)
                && env.getProperty("coinwatch.simulator.port", Integer.class, 0) == 0) {
            // The adapters' base URLs name the simulator's port, so it must be known before they are configured.
            props.put("coinwatch.simulator.port", FreePort.find());
        }
        log.info("Database: " + props.get("coinwatch.infrastructure.database") + "; broker: " + props.get("coinwatch.infrastructure.broker"));
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        // After the config data (application.yaml, profiles) is loaded, so its settings decide.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
