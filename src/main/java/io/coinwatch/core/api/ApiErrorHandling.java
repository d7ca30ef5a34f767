package io.coinwatch.core.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Error handling for every API route, declared once: refused requests get their 4xx, an unreachable database gets
 * 503 with Retry-After, and anything unexpected gets a 500 without internals. The body always follows the contract.
 */
@Component
public class ApiErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "api-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ApiException.class)
                    .handled(true)
                    .process(e -> ApiResponses.error(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiException.class)))
                .end()
                .onException(DataAccessException.class)
                    .handled(true)
                    .log(org.apache.camel.LoggingLevel.WARN, "API request failed on the database: ${exception.message}")
                    .setHeader("Retry-After", constant("5"))
                    .process(e -> ApiResponses.error(e, new ApiException(503, "unavailable", "The database is unavailable; retry shortly")))
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .log(org.apache.camel.LoggingLevel.ERROR, "API request failed: ${exception.stacktrace}")
                    .process(e -> ApiResponses.error(e, new ApiException(500, "internal_error", "Internal error")))
                .end();
    }
}
