package io.coinwatch.monitor;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import io.coinwatch.core.audit.AuditLog;
import io.coinwatch.core.messaging.ParkedMessages;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.api.ApiErrorHandling;
import io.coinwatch.core.api.ApiException;
import io.coinwatch.core.api.ApiParams;
import io.coinwatch.core.api.ApiResponses;
import io.coinwatch.core.security.Caller;
import io.coinwatch.core.api.OpenApiContract;
import io.coinwatch.monitor.SystemApiTypes.AlertList;
import io.coinwatch.monitor.SystemApiTypes.AuditList;
import io.coinwatch.monitor.SystemApiTypes.ParkedList;
import io.coinwatch.monitor.SystemApiTypes.Replayed;
import io.coinwatch.monitor.SystemApiTypes.ServiceList;

/**
 * /api/v1/system: health, the processes and their status, the pipeline's metrics, the alerts, and the parked-message
 * operations (list, replay).
 */
@Component
@ConditionalOnRole(Role.MONITOR)
public class SystemApiRoutes extends RouteBuilder {

    /**
     * One process as GET /system/services lists it; times in epoch ms, counters as its last status reported them;
     * infrastructure its database and broker fingerprints, otherInfrastructure those that differ from the monitor's.
     */
    public record Service(String instanceId, List<String> roles, String version, InstanceDirectory.Liveness status,
                          long lastSeen, long lastSeenAgoMs, long startedAt, long uptimeMs, long statusIntervalMs,
                          long routesStarted, long routesTotal, JsonNode counters, JsonNode backfill, JsonNode infrastructure,
                          List<String> otherInfrastructure) {

        static Service of(InstanceDirectory.Instance i) {
            JsonNode s = i.status();
            long started = StreamSupport.stream(s.path("routes").spliterator(), false)
                    .filter(r -> "Started".equals(r.path("state").asText())).count();
            return new Service(i.instanceId(), i.roles(), s.path("version").asText(null), i.liveness(), i.lastSeen(),
                    i.lastSeenAgoMs(), s.path("startedAt").asLong(), s.path("uptimeMs").asLong(), i.statusIntervalMs(),
                    started, s.path("routes").size(), s.path("counters"), s.get("backfill"), s.path("infrastructure"),
                    i.otherInfrastructure());
        }
    }

    private final SystemHealth health;
    private final ParkedMessages parked;
    private final InstanceDirectory instances;
    private final SystemMetrics metrics;
    private final AlertBook alerts;
    private final AuditLog audit;

    public SystemApiRoutes(SystemHealth health, ParkedMessages parked, InstanceDirectory instances, SystemMetrics metrics,
                           AlertBook alerts, AuditLog audit) {
        this.audit = audit;
        this.health = health;
        this.parked = parked;
        this.instances = instances;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    @Override
    public void configure() {
        rest("/system").description("System status and operations").produces("application/json")
                .get("/health").id("api-system-health")
                    .description("Database, broker, event outbox, every process's liveness and every exchange's circuit and ban "
                            + "state: UP or DEGRADED answer 200, DOWN (the database is down) answers 503. Outside the dev, demo "
                            + "and test profiles the components are shown to the admin only; anyone else gets the status alone")
                    .outType(SystemHealth.Report.class.getName())
                    .responseMessage().code(200).message("UP or DEGRADED").endResponseMessage()
                    .responseMessage().code(503).message("DOWN").endResponseMessage()
                    .to("direct:system-health")
                .get("/services").id("api-system-services")
                    .description("Every process that reports system.status: roles, instance id, version, last seen, "
                            + "status (UP; SILENT after coinwatch.monitor.silent-after-intervals status intervals without one; STOPPED after a "
                            + "graceful shutdown), uptime, routes started, counters, and the fingerprints of its database and broker "
                            + "(otherInfrastructure names those that differ from the monitor's: not a replica of this deployment)")
                    .security(OpenApiContract.BASIC_AUTH)
                    .outType(ServiceList.class.getName())
                    .responseMessage().code(200).message("The processes, by instance id").endResponseMessage()
                    .responseMessage().code(503).message("The database is unavailable").endResponseMessage()
                    .to("direct:system-services")
                .get("/metrics").id("api-system-metrics")
                    .description("Ingest rate (candles/s over 1 and 5 minutes), backfill progress overall and per symbol "
                            + "with ETA, open gaps, queue depths, parked messages, errors, route throughput and failures")
                    .security(OpenApiContract.BASIC_AUTH)
                    .outType(SystemMetrics.Report.class.getName())
                    .responseMessage().code(200).message("The metrics document").endResponseMessage()
                    .responseMessage().code(503).message("The database is unavailable").endResponseMessage()
                    .to("direct:system-metrics")
                .get("/alerts").id("api-system-alerts")
                    .description("Alerts raised by the monitor, open ones first, then resolved ones, newest first (at most 500)")
                    .param().name("status").type(RestParamType.query).dataType("string").required(false)
                        .allowableValues(AlertBook.OPEN, AlertBook.RESOLVED).description("Only open or only resolved alerts").endParam()
                    .security(OpenApiContract.BASIC_AUTH)
                    .outType(AlertList.class.getName())
                    .responseMessage().code(200).message("The alerts").endResponseMessage()
                    .responseMessage().code(400).message("Unknown status").endResponseMessage()
                    .to("direct:system-alerts")
                .get("/parked").id("api-system-parked").description("Messages parked after failed processing, newest first")
                    .param().name("all").type(RestParamType.query).dataType("boolean").required(false)
                        .defaultValue("false").description("Include messages already replayed").endParam()
                    .security(OpenApiContract.BASIC_AUTH)
                    .outType(ParkedList.class.getName())
                    .responseMessage().code(200).message("The parked messages, newest first").endResponseMessage()
                    .to("direct:system-parked")
                .get("/audit").id("api-system-audit")
                    .description("The audit trail of write operations, newest first: time, user, client address, operation, "
                            + "target, outcome. Admin login outside the dev, demo and test profiles")
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                        .defaultValue("100").description("1..1000 entries at most").endParam()
                    .security(OpenApiContract.BASIC_AUTH)
                    .outType(AuditList.class.getName())
                    .responseMessage().code(200).message("The audit trail, newest first").endResponseMessage()
                    .to("direct:system-audit")
                .post("/parked/{id}/replay").id("api-system-parked-replay").description("Send a parked message back to its queue")
                    .security(OpenApiContract.BASIC_AUTH)
                    .outType(Replayed.class.getName())
                    .param().name("id").type(RestParamType.path).dataType("integer").dataFormat("int64").description("The parked message's id").endParam()
                    .responseMessage().code(200).message("Replayed").endResponseMessage()
                    .responseMessage().code(404).message("No open parked message with that id").endResponseMessage()
                    .to("direct:system-parked-replay");

        from("direct:system-health").routeId("system-health").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::health);
        from("direct:system-services").routeId("system-services").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> ApiResponses.json(e, 200, new ServiceList(instances.instances().stream().map(Service::of).toList())));
        from("direct:system-metrics").routeId("system-metrics").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> ApiResponses.json(e, 200, metrics.report()));
        from("direct:system-alerts").routeId("system-alerts").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::listAlerts);
        from("direct:system-parked").routeId("system-parked").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::listParked);
        from("direct:system-audit").routeId("system-audit").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::listAudit);
        from("direct:system-parked-replay").routeId("system-parked-replay").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::replay);
    }

    /** Load balancers probe it without a login: they get the status, the admin gets the components too. */
    private void health(Exchange exchange) {
        SystemHealth.Report report = health.report();
        int status = report.status() == SystemHealth.Status.DOWN ? 503 : 200;
        ApiResponses.json(exchange, status, Caller.of(exchange).admin() ? report : Map.of("status", report.status()));
    }

    private void listAlerts(Exchange exchange) {
        String status = exchange.getMessage().getHeader("status", String.class);
        if (status != null && !status.isEmpty() && !AlertBook.OPEN.equals(status) && !AlertBook.RESOLVED.equals(status)) {
            throw ApiException.badRequest("invalid_status", "status must be open or resolved, got '" + ApiParams.abbreviate(status) + "'");
        }
        ApiResponses.json(exchange, 200, new AlertList(alerts.list(status == null || status.isEmpty() ? null : status)));
    }

    private void listParked(Exchange exchange) {
        boolean all = "true".equals(exchange.getMessage().getHeader("all", String.class));
        ApiResponses.json(exchange, 200, new ParkedList(parked.list(all, 500)));
    }

    private void listAudit(Exchange exchange) {
        int limit = ApiParams.intInRange(exchange.getMessage().getHeader("limit", String.class), "limit", 100, 1, 1000);
        ApiResponses.json(exchange, 200, new AuditList(audit.list(limit)));
    }

    private void replay(Exchange exchange) {
        String target = "parked:" + ApiParams.abbreviate(String.valueOf(exchange.getMessage().getHeader("id", String.class)));
        ParkedMessages.Parked replayed = audit.record(Caller.of(exchange), "parked.replay", target, () -> {
            long id = ApiParams.longParam(exchange.getMessage().getHeader("id", String.class), "id");
            return parked.replay(id).orElseThrow(() -> ApiException.notFound("parked_message_not_found", "No open parked message " + id));
        });
        ApiResponses.json(exchange, 200, new Replayed(replayed.id(), replayed.queue()));
    }
}
