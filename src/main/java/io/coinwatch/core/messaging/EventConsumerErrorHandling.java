package io.coinwatch.core.messaging;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling for every event consumer, declared once: an invalid message is parked at once; any other failure
 * is retried with exponential backoff and then parked with its error. Either way the consumer goes on.
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
