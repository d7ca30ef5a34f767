package io.coinwatch.core.messaging;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MessagingBeans {

    /** Envelope ids already processed, per queue; the table comes from Flyway, not from Camel. */
    @Bean
    JdbcMessageIdRepository processedEvents(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "coinwatch");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
