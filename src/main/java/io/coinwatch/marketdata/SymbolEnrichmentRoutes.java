package io.coinwatch.marketdata;

import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.builder.AggregationStrategies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventConsumerRouteBuilder;
import io.coinwatch.core.messaging.EventEnvelope;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.messaging.InvalidEventException;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * symbol-enrichment: on symbol.added (its exchange) and fundamental.updated (every exchange with symbols), the
 * Content Enricher fetches what the fundamental-data role knows of the exchange's base assets from its REST API, over
 * HTTP even in one process (never its tables: the roles may run apart), stores it in market-data's symbol_enrichment
 * and applies the collection scope again, since top-market-cap depends on the ranks. Events come in bursts (a
 * discovery adds hundreds of symbols), so they are gathered per exchange for batch-delay-ms into one call.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class SymbolEnrichmentRoutes extends EventConsumerRouteBuilder {

    private final JdbcTemplate jdbc;

    public SymbolEnrichmentRoutes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void configure() {
        fromQueue("market-data.enrichment", "symbol-enrichment-consumer")
                .split(method(this, "exchanges"))
                    .to("direct:symbol-enrichment-batch")
                .end();

        // An event gathered here is acknowledged before its batch runs: one lost in a crash is made good by the next.
        from("direct:symbol-enrichment-batch").routeId("symbol-enrichment-batch").routeGroup("market-data")
                .aggregate(body(), AggregationStrategies.useLatest())
                    .completionTimeout("{{coinwatch.market-data.enrichment.batch-delay-ms}}")
                .to("direct:symbol-enrichment");

        // Body: an exchange name. A failed call is reported; the next event tries again. Off (enabled=false) in a
        // deployment without the fundamental-data role, which would only report failures.
        from("direct:symbol-enrichment").routeId("symbol-enrichment").routeGroup("market-data")
                .routeConfigurationId(CollectionRunErrorHandling.ID)
                .filter(simple("{{coinwatch.market-data.enrichment.enabled}}"))
                .setProperty("exchange", body())
                .setProperty("assetsUri", method("symbolEnrichment", "assetsUri(${body})"))
                // Nothing of the event may travel along as HTTP headers or body: a plain GET.
                .removeHeaders("*")
                .setBody(constant(null))
                .enrich().exchangeProperty("assetsUri").aggregationStrategy(answerAsBody())
                .bean("symbolEnrichment", "store(${exchangeProperty.exchange}, ${body})")
                .bean("symbolCollection", "apply(${exchangeProperty.exchange})")
                .end();
    }

    /** The exchanges an event concerns: the symbol's, or for fundamental.updated every exchange with symbols. */
    public List<String> exchanges(EventEnvelope event) {
        if (EventTypes.SYMBOL_ADDED.equals(event.type())) {
            return List.of(event.text("exchange"));
        }
        if (!EventTypes.FUNDAMENTAL_UPDATED.equals(event.type())) {
            throw new InvalidEventException("symbol enrichment takes symbol.added and fundamental.updated, not " + event.type());
        }
        return jdbc.queryForList("SELECT DISTINCT exchange FROM symbol ORDER BY 1", String.class);
    }

    /** The fundamental API's answer, as text, becomes the body; the exchange stays in its property. */
    private static AggregationStrategy answerAsBody() {
        return (original, resource) -> {
            original.getMessage().setBody(resource.getMessage().getBody(String.class));
            return original;
        };
    }
}
