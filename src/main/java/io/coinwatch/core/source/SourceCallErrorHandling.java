package io.coinwatch.core.source;

import java.io.IOException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Retries for every route that calls a data source, declared once. The request itself sits in a sub-route, so each
 * redelivery goes through the guard again: after a 429 or a ban the guard holds the retry until the source allows
 * it. How often to retry is {@link SourceRetryPolicy}'s call; whatever still fails propagates to the caller,
 * which records it.
 */
@Component
public class SourceCallErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "source-call-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(SourceException.class, IOException.class, CallNotPermittedException.class)
                    .retryWhile(method("sourceRetryPolicy", "shouldRetry"))
                    .redeliveryDelay("{{coinwatch.market-data.http.retry-delay-ms:500}}")
                    .useExponentialBackOff()
                    .maximumRedeliveryDelay(5000)
                    // Each retry at DEBUG; the run that finally fails says so once.
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                    .retriesExhaustedLogLevel(LoggingLevel.DEBUG)
                    .logExhausted(false)
                .end();
    }
}
