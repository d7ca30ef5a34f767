package io.coinwatch.core.messaging;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
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

    /**
     * The threads every queue's consumers run on. Camel's spring-rabbitmq consumers (Spring's direct listener
     * container) run on the RabbitMQ client's dispatch pool, which by default has 2 threads per core for the whole
     * connection: on 2 cores 4 threads shared by every queue, so backfills (each holds its thread for its whole run) went
     * 2 symbols at a time instead of concurrent-symbols, and none while indicator runs held the other threads. The
     * client hands a channel's deliveries to one thread at a time, so this pool grows to at most one thread per
     * consumer; idle threads end after a minute, and daemon threads never hold up the process's exit. (Given to the
     * connection factory here, since an Executor bean would replace Spring Boot's task executor.)
     */
    @Bean
    static BeanPostProcessor consumerThreads() {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "amqp-consumer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof AbstractConnectionFactory factory) {
                    factory.setExecutor(pool);
                }
                return bean;
            }
        };
    }
}
