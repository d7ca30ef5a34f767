package io.coinwatch.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.coinwatch.CoinwatchApplication;

/**
 * The whole application on a random port, against the machine's PostgreSQL and RabbitMQ when they answer and the
 * embedded ones otherwise. Every integration test uses exactly this set-up so Spring caches one context for all.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@CamelSpringBootTest
@SpringBootTest(classes = CoinwatchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(InfrastructureReport.class)
public @interface CoinwatchIntegrationTest {
}
