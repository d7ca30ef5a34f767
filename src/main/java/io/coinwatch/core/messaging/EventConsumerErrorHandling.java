package io.coinwatch.core.messaging;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Error handling for every event consumer, declared once: an invalid message is parked at once; any other failure
 * is retried with exponential backoff and then parked with its error. Either way the consumer goes on.
 * The database being unreachable is no fault of the message: it is retried for as long as an outage may last
 * (minutes, not the seconds of the general retries), so an event that arrives during an outage is processed once the
 * database is back instead of being parked.
 */
@Component
public class EventConsumerErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "event-consumer-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(InvalidEventException.class)
                    .handled(true)
                    .useOriginalMessage()
                    .bean("parkedMessages", "park")
                .end()
                .onException(DataAccessResourceFailureException.class, CannotCreateTransactionException.class)
                    .maximumRedeliveries("{{coinwatch.messaging.consumer.outage-redeliveries:120}}")
                    .redeliveryDelay("{{coinwatch.messaging.consumer.redelivery-delay-ms:500}}")
                    .useExponentialBackOff()
                    .maximumRedeliveryDelay(5000)
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                    .handled(true)
                    .useOriginalMessage()
                    .bean("parkedMessages", "park")
                .end()
                .onException(Exception.class)
                    .maximumRedeliveries("{{coinwatch.messaging.consumer.max-redeliveries:3}}")
                    .redeliveryDelay("{{coinwatch.messaging.consumer.redelivery-delay-ms:500}}")
                    .useExponentialBackOff()
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .handled(true)
                    .useOriginalMessage()
                    .bean("parkedMessages", "park")
                .end();
    }
}
