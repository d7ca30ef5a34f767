package io.coinwatch.marketdata.exchange;

import java.io.IOException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Retries for every route that calls an exchange, declared once. The request itself sits in a sub-route, so each
 * redelivery goes through the guard again: after a 429 or a ban the guard holds the retry until the exchange allows
 * it; 5xx, timeouts, malformed bodies and an open circuit back off exponentially. Whatever is still failing after
 * that propagates to the caller, which records it.
 */
@Component
public class ExchangeCallErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "exchange-call-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ExchangeException.class)
                    .onWhen(e -> {
                        ExchangeException x = e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, ExchangeException.class);
                        return x.kind() == ExchangeException.Kind.RATE_LIMITED || x.kind() == ExchangeException.Kind.BANNED;
                    })
                    .maximumRedeliveries("{{coinwatch.market-data.http.limit-retries:30}}")
                    .redeliveryDelay(100)
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .end()
                .onException(ExchangeException.class)
                    .onWhen(e -> e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, ExchangeException.class).retryable())
                    .maximumRedeliveries("{{coinwatch.market-data.http.max-retries:5}}")
                    .redeliveryDelay("{{coinwatch.market-data.http.retry-delay-ms:500}}")
                    .useExponentialBackOff()
                    .maximumRedeliveryDelay(30000)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end()
                .onException(IOException.class, CallNotPermittedException.class)
                    .maximumRedeliveries("{{coinwatch.market-data.http.max-retries:5}}")
                    .redeliveryDelay("{{coinwatch.market-data.http.retry-delay-ms:500}}")
                    .useExponentialBackOff()
                    .maximumRedeliveryDelay(30000)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end();
    }
}
