package io.coinwatch.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import io.coinwatch.CoinwatchApplication;
import io.coinwatch.core.messaging.ProbeConsumer;

/**
 * The whole application on a random port, against the machine's PostgreSQL and RabbitMQ when they answer and the
 * embedded ones otherwise, plus the test queues' consumer. Every integration test uses exactly this set-up so Spring
 * caches one context for all: a second cached context would go on consuming the same queues beside the first one, and
 * take events and backfill requests meant for it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@CamelSpringBootTest
@SpringBootTest(classes = CoinwatchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(InfrastructureReport.class)
@Import(ProbeConsumer.class)
public @interface CoinwatchIntegrationTest {
}
