package io.coinwatch.marketdata;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * What a scheduled collection run does when it fails, declared once for every run route: report it through
 * {@link CollectionRunFailures} and carry on. A failure that a sub-route's own error handler has already exhausted
 * does not reach an onException of the caller (Camel's rule), so routes calling such sub-routes also catch it and
 * report it the same way.
 */
@Component
public class CollectionRunErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "collection-run-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .bean("collectionRunFailures", "failed(${routeId}, ${exception})")
                .end();
    }
}
