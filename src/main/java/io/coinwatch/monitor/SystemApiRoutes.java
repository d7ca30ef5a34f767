package io.coinwatch.monitor;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.ParkedMessages;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.gateway.ApiErrorHandling;
import io.coinwatch.gateway.ApiException;
import io.coinwatch.gateway.ApiParams;
import io.coinwatch.gateway.ApiResponses;

/** /api/v1/system: health, and the parked-message operations (list, replay). */
@Component
@ConditionalOnRole(Role.MONITOR)
public class SystemApiRoutes extends RouteBuilder {

    private final SystemHealth health;
    private final ParkedMessages parked;

    public SystemApiRoutes(SystemHealth health, ParkedMessages parked) {
        this.health = health;
        this.parked = parked;
    }

    @Override
    public void configure() {
        rest("/system").description("System status and operations").produces("application/json")
                .get("/health").id("api-system-health")
                    .description("Database, broker and pipeline health: UP or DEGRADED answer 200, DOWN answers 503")
                    .responseMessage().code(200).message("UP or DEGRADED").endResponseMessage()
                    .responseMessage().code(503).message("DOWN").endResponseMessage()
                    .to("direct:system-health")
                .get("/parked").id("api-system-parked").description("Messages parked after failed processing, newest first")
                    .param().name("all").type(RestParamType.query).dataType("boolean").required(false)
                        .description("Include messages already replayed").endParam()
                    .to("direct:system-parked")
                .post("/parked/{id}/replay").id("api-system-parked-replay").description("Send a parked message back to its queue")
                    .param().name("id").type(RestParamType.path).dataType("integer").endParam()
                    .responseMessage().code(200).message("Replayed").endResponseMessage()
                    .responseMessage().code(404).message("No open parked message with that id").endResponseMessage()
                    .to("direct:system-parked-replay");

        from("direct:system-health").routeId("system-health").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::health);
        from("direct:system-parked").routeId("system-parked").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::listParked);
        from("direct:system-parked-replay").routeId("system-parked-replay").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::replay);
    }

    private void health(Exchange exchange) {
        SystemHealth.Report report = health.report();
        ApiResponses.json(exchange, report.status() == SystemHealth.Status.DOWN ? 503 : 200, report);
    }

    private void listParked(Exchange exchange) {
        boolean all = "true".equals(exchange.getMessage().getHeader("all", String.class));
        ApiResponses.json(exchange, 200, Map.of("parked", parked.list(all, 500)));
    }

    private void replay(Exchange exchange) {
        long id = ApiParams.longParam(exchange.getMessage().getHeader("id", String.class), "id");
        ParkedMessages.Parked replayed = parked.replay(id)
                .orElseThrow(() -> ApiException.notFound("parked_message_not_found", "No open parked message " + id));
        ApiResponses.json(exchange, 200, Map.of("replayed", replayed.id(), "queue", replayed.queue()));
    }
}
