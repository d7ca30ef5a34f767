package io.coinwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.coinwatch.core.infrastructure.InfrastructureFingerprint;
import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.metrics.PipelineMetrics;
import io.coinwatch.core.status.InstanceStatus;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.EventProbe;

/**
 * The monitor end to end: statuses and errors travel through the outbox, the broker and the monitor.events consumer
 * into the monitor's tables, and come out of /api/v1/system/* and as alerts. Other processes are simulated by
 * publishing system.status envelopes with instance ids of their own.
 */
@CoinwatchIntegrationTest
class MonitorIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort int port;
    @Autowired EventOutbox outbox;
    @Autowired PipelineMetrics pipelineMetrics;
    @Autowired MeterRegistry registry;
    @Autowired JdbcTemplate jdbc;
    @Autowired MonitorStore store;
    @Autowired AlertBook alertBook;
    @Autowired PlatformTransactionManager transactions;
    @Autowired InfrastructureFingerprint fingerprint;
    @Autowired EventProbe events;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @BeforeEach
    void clearEvents() {
        events.clear();
    }

    /** Every event a test here caused kept the AsyncAPI contract (payload schema and AMQP properties). */
    @AfterEach
    void eventsKeptTheContract() {
        events.assertAllKeptTheContract();
    }

    @Test
    void aSilentInstanceRaisesAnAlertThatResolvesWhenItReportsAgain() {
        String instance = "test-silent-" + UUID.randomUUID();
        try {
            reportStatus(instance, InstanceStatus.RUNNING, List.of());
            await().atMost(WAIT).until(() -> "UP".equals(service(instance).path("status").asText()));

            // It reports every second (its statusIntervalMs); three seconds without a status make it silent.
            await().atMost(WAIT).until(() -> alert("open", AlertEvaluator.ROLE_SILENT, instance) != null);
            assertThat(service(instance).path("status").asText()).isEqualTo("SILENT");
            assertThat(alert("open", AlertEvaluator.ROLE_SILENT, instance).path("message").asText()).contains(instance);
            assertThat(healthComponent("services").path("status").asText()).isEqualTo("DEGRADED");

            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                reportStatus(instance, InstanceStatus.RUNNING, List.of()); // back, and reporting on time
                return alert("resolved", AlertEvaluator.ROLE_SILENT, instance) != null;
            });
            assertThat(alert("open", AlertEvaluator.ROLE_SILENT, instance)).isNull();
            // Raising and resolving were both announced as system.alert, which the monitor consumes like any event.
            await().atMost(WAIT).until(() -> announcedAlertStates(instance).containsAll(List.of("open", "resolved")));
        } finally {
            // A graceful shutdown is not silence, so the rest of the suite does not see a silent process.
            reportStatus(instance, InstanceStatus.STOPPING, List.of());
        }
        await().atMost(WAIT).until(() -> "STOPPED".equals(service(instance).path("status").asText()));
        await().atMost(WAIT).until(() -> service(instance).path("lastSeenAgoMs").asLong() > 4000);
        assertThat(service(instance).path("status").asText()).isEqualTo("STOPPED");
        assertThat(alert("open", AlertEvaluator.ROLE_SILENT, instance)).isNull();
    }

    @Test
    void anExchangeWithAnOpenCircuitOnAnotherInstanceDegradesHealthAndRaisesAnAlert() {
        String instance = "test-exchange-" + UUID.randomUUID();
        Map<String, Object> bybit = new LinkedHashMap<>();
        bybit.put("exchange", "bybit");
        bybit.put("circuit", "OPEN");
        bybit.put("bannedUntil", null);
        bybit.put("lastError", "HTTP 503");
        String subject = "bybit@" + instance;
        try {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                reportStatus(instance, InstanceStatus.RUNNING, List.of(bybit)); // keeps it UP, so its exchanges count
                return alert("open", AlertEvaluator.EXCHANGE_UNAVAILABLE, subject) != null;
            });
            JsonNode exchanges = healthComponent("exchanges");
            assertThat(exchanges.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(exchanges.path("details").path("exchanges").toString()).contains(instance).contains("\"circuit\":\"OPEN\"");
        } finally {
            reportStatus(instance, InstanceStatus.STOPPING, List.of(bybit));
        }
        await().atMost(WAIT).until(() -> alert("resolved", AlertEvaluator.EXCHANGE_UNAVAILABLE, subject) != null);
    }

    @Test
    void aProcessOnAnotherDatabaseIsListedAsSuchAndDegradesHealthWhileItsPeersAreNot() {
        Map<String, String> mine = fingerprint.current();
        assertThat(mine.values()).as("this process's fingerprints").doesNotContain(InfrastructureFingerprint.UNKNOWN);
        String peer = "test-peer-" + UUID.randomUUID();
        String stray = "test-stray-" + UUID.randomUUID();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                reportStatus(peer, InstanceStatus.RUNNING, List.of(), mine);
                reportStatus(stray, InstanceStatus.RUNNING, List.of(), Map.of("database", "0123456789ab", "broker", mine.get("broker")));
                return "UP".equals(service(stray).path("status").asText()) && "UP".equals(service(peer).path("status").asText());
            });
            assertThat(service(stray).path("otherInfrastructure").toString()).isEqualTo("[\"database\"]");
            assertThat(service(stray).path("infrastructure").path("database").asText()).isEqualTo("0123456789ab");
            assertThat(service(peer).path("otherInfrastructure").isEmpty()).isTrue();
            JsonNode services = healthComponent("services");
            assertThat(services.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(services.path("details").path("instances").toString()).contains(stray).contains("otherInfrastructure");
        } finally {
            reportStatus(peer, InstanceStatus.STOPPING, List.of(), mine);
            reportStatus(stray, InstanceStatus.STOPPING, List.of(), Map.of());
        }
        await().atMost(WAIT).until(() -> "STOPPED".equals(service(stray).path("status").asText()));
    }

    @Test
    void errorsShowInTheMetricsAndTripTheErrorRateAlert() {
        String route = "test-route-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            pipelineMetrics.error(route, "test-exchange", "BTCUSDT", new IllegalStateException("boom " + i));
        }
        // The sixth (the test profile's threshold is 5 per minute) from a transaction that rolls back, as a failing
        // route's would: the report must survive it.
        new TransactionTemplate(transactions).executeWithoutResult(t -> {
            pipelineMetrics.error(route, "test-exchange", "BTCUSDT", new IllegalStateException("boom 5"));
            t.setRollbackOnly();
        });
        assertThat(registry.get(PipelineMetrics.ERRORS).tag("route", route).counter().count()).isEqualTo(6.0);

        await().atMost(WAIT).until(() -> api().getOk("/api/v1/system/metrics").path("errors").path("byRouteLastHour").path(route).asLong() == 6);
        JsonNode errors = api().getOk("/api/v1/system/metrics").path("errors");
        assertThat(errors.path("lastMinute").asLong()).isGreaterThanOrEqualTo(6);
        JsonNode recent = StreamSupport.stream(errors.path("recent").spliterator(), false)
                .filter(e -> route.equals(e.path("route").asText())).findFirst().orElseThrow();
        assertThat(recent.path("exchange").asText()).isEqualTo("test-exchange");
        assertThat(recent.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(recent.path("exception").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(recent.path("message").asText()).startsWith("boom");

        await().atMost(WAIT).until(() -> alert("open", AlertEvaluator.ERROR_RATE, "pipeline") != null);
        assertThat(alert("open", AlertEvaluator.ERROR_RATE, "pipeline").path("details").path("byRoute").path(route).asLong()).isEqualTo(6);
    }

    @Test
    void ingestedCandlesShowAsARateAndInTheServiceCounters() {
        String exchange = "test-ex-" + UUID.randomUUID().toString().substring(0, 8);
        pipelineMetrics.candlesIngested(exchange, 600);

        await().atMost(WAIT).until(() -> api().getOk("/api/v1/system/metrics").path("ingest").path("byExchange")
                .path(exchange).path("perSecond1m").asDouble() > 0);
        JsonNode ingest = api().getOk("/api/v1/system/metrics").path("ingest");
        assertThat(ingest.path("candlesPerSecond1m").asDouble()).isGreaterThan(0);
        assertThat(ingest.path("byExchange").path(exchange).path("perSecond5m").asDouble()).isGreaterThan(0);
        // Over a minute at most since this process started counting (a younger process counts from its start).
        assertThat(ingest.path("byExchange").path(exchange).path("perSecond1m").asDouble()).isLessThanOrEqualTo(600);
        assertThat(StreamSupport.stream(api().getOk("/api/v1/system/services").path("services").spliterator(), false)
                .anyMatch(s -> s.path("counters").path("candlesIngested").path(exchange).asLong() == 600)).isTrue();
    }

    @Test
    void theLocalProcessIsListedWithItsRoutesAndTheMetricsShowRouteThroughput() {
        await().atMost(WAIT).until(() -> StreamSupport.stream(api().getOk("/api/v1/system/metrics").path("routes").spliterator(), false)
                .anyMatch(r -> "outbox-relay".equals(r.path("routeId").asText()) && r.path("exchangesTotal").asLong() > 0));
        JsonNode services = api().getOk("/api/v1/system/services").path("services");
        JsonNode self = StreamSupport.stream(services.spliterator(), false)
                .filter(s -> s.path("roles").toString().contains("monitor") && "UP".equals(s.path("status").asText()))
                .findFirst().orElseThrow();
        assertThat(self.path("routesStarted").asLong()).isPositive().isEqualTo(self.path("routesTotal").asLong());
        assertThat(self.path("uptimeMs").asLong()).isPositive();
        assertThat(self.path("version").asText()).isNotBlank();
        assertThat(self.path("otherInfrastructure").isEmpty()).as("the monitor's own process").isTrue();
        assertThat(self.path("infrastructure").path("database").asText()).hasSize(12);

        JsonNode metrics = api().getOk("/api/v1/system/metrics");
        assertThat(metrics.path("queues").path("depths").has(MonitorIngestRoutes.QUEUE)).isTrue();
        assertThat(metrics.path("parkedMessages").isNumber()).isTrue();
        assertThat(metrics.path("gaps").path("open").isNumber()).isTrue();
        assertThat(metrics.path("eventsLastHour").path(EventTypes.SYSTEM_STATUS).asLong()).isPositive();
    }

    /**
     * One calculation: /system/metrics shows the figure the market-data role publishes in its status, so it agrees with
     * /market-data/backfill/status. Two symbols at different paces, so an overall ETA taken as the slowest symbol's
     * (as one of the two calculations did) would not agree.
     */
    @Test
    void backfillProgressIsTheSameOnTheMarketDataApiAndInTheSystemMetrics() {
        String exchange = "binanceus"; // configured, and no backfill of it runs meanwhile
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<Integer> symbolIds = new ArrayList<>();
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofDays(100));
        try {
            // 80 of 100 days in 10 minutes: the remaining 20 take 150 s at this symbol's pace.
            symbolIds.add(backfill(exchange, "RUN" + suffix, start, end, start.plus(Duration.ofDays(80)), "running", "10 minutes"));
            symbolIds.add(backfill(exchange, "DONE" + suffix, start, end, end, "done", "20 minutes"));

            JsonNode status = api().getOk("/api/v1/market-data/backfill/status?exchange=" + exchange);
            JsonNode running = StreamSupport.stream(status.path("symbols").spliterator(), false)
                    .filter(s -> ("RUN" + suffix).equals(s.path("symbol").asText())).findFirst().orElseThrow();
            assertThat(running.path("status").asText()).isEqualTo("running");
            assertThat(running.path("percent").asDouble()).isEqualTo(80.0);
            assertThat(running.path("candlesWritten").asLong()).isEqualTo(7200);
            assertThat(running.path("etaSeconds").asLong()).isBetween(145L, 155L);

            // The status reaches the monitor within a status interval; the ETA moves on meanwhile.
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode api = api().getOk("/api/v1/market-data/backfill/status?exchange=" + exchange).path("overall");
                JsonNode metrics = api().getOk("/api/v1/system/metrics").path("backfill").path(exchange);
                assertThat(metrics.path("symbols")).isEqualTo(api.path("symbols"));
                assertThat(metrics.path("byStatus")).isEqualTo(api.path("byStatus"));
                assertThat(metrics.path("percent")).isEqualTo(api.path("percent"));
                assertThat(metrics.path("candlesWritten")).isEqualTo(api.path("candlesWritten"));
                assertThat(metrics.path("etaSeconds").asLong()).isCloseTo(api.path("etaSeconds").asLong(), within(5L));
            });
        } finally {
            symbolIds.forEach(id -> {
                jdbc.update("DELETE FROM backfill_progress WHERE symbol_id = ?", id);
                jdbc.update("DELETE FROM symbol WHERE id = ?", id);
            });
        }
    }

    private int backfill(String exchange, String symbol, Instant start, Instant end, Instant next, String status, String runningFor) {
        Integer id = jdbc.queryForObject("""
                INSERT INTO symbol (exchange, symbol, base_asset, quote_asset, status, launch_time)
                VALUES (?, ?, 'TEST', 'USDT', 'Trading', now()) RETURNING id""", Integer.class, exchange, symbol);
        jdbc.update("""
                INSERT INTO backfill_progress (symbol_id, interval_minutes, range_start, range_end, next_open_time,
                                               candles_written, status, started_at, updated_at)
                VALUES (?, 5, ?, ?, ?, 7200, ?, now() - ?::interval, now())""",
                id, Timestamp.from(start), Timestamp.from(end), Timestamp.from(next), status, runningFor);
        return id;
    }

    @Test
    void retentionDeletesOldEventsAndOldResolvedAlertsButKeepsOpenOnes() {
        String kind = "test-retention-" + UUID.randomUUID();
        UUID oldEvent = UUID.randomUUID();
        UUID recentEvent = UUID.randomUUID();
        for (UUID id : List.of(oldEvent, recentEvent)) {
            jdbc.update("""
                    INSERT INTO monitor_event (event_id, type, source, occurred_at, received_at, data)
                    VALUES (?, 'fundamental.updated', 'test', now(), now() - ?::interval, '{}')""",
                    id, id.equals(oldEvent) ? "8 days" : "1 minute");
        }
        jdbc.update("INSERT INTO monitor_alert (kind, subject, message, raised_at, resolved_at) VALUES (?, 'old', 'm', now() - interval '9 days', now() - interval '8 days')", kind);
        jdbc.update("INSERT INTO monitor_alert (kind, subject, message, raised_at) VALUES (?, 'open', 'm', now() - interval '9 days')", kind);

        store.expire();
        alertBook.expire();

        assertThat(jdbc.queryForList("SELECT event_id FROM monitor_event WHERE event_id IN (?, ?)", UUID.class, oldEvent, recentEvent))
                .containsExactly(recentEvent);
        assertThat(jdbc.queryForList("SELECT subject FROM monitor_alert WHERE kind = ?", String.class, kind)).containsExactly("open");
        jdbc.update("DELETE FROM monitor_alert WHERE kind = ?", kind);
    }

    @Test
    void alertsRefuseAnUnknownStatusAndTheOpenApiDocumentListsTheMonitorEndpoints() {
        api().assertError("GET", "/api/v1/system/alerts?status=bogus", 400, "invalid_status");

        JsonNode paths = api().getOk("/api/v1/openapi.json").path("paths");
        assertThat(paths.has("/system/services")).isTrue();
        assertThat(paths.has("/system/metrics")).isTrue();
        assertThat(paths.path("/system/alerts").path("get").path("parameters").toString()).contains("\"status\"").contains("resolved");
    }

    @Test
    void prometheusExposesCamelRouteMetricsAndThePipelineCounters() {
        pipelineMetrics.candlesIngested("prometheus-test", 3);
        var response = api().send("GET", "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = response.body().lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).anyMatch(l -> l.startsWith("camel_exchanges_total{") && l.contains("routeId=\"outbox-relay\""));
        assertThat(lines).anyMatch(l -> l.startsWith("coinwatch_candles_ingested_total{") && l.contains("exchange=\"prometheus-test\""));
    }

    private void reportStatus(String instanceId, String state, List<Map<String, Object>> exchanges) {
        reportStatus(instanceId, state, exchanges, fingerprint.current());
    }

    private void reportStatus(String instanceId, String state, List<Map<String, Object>> exchanges, Map<String, String> infrastructure) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("instanceId", instanceId);
        status.put("roles", List.of("market-data"));
        status.put("version", "test");
        status.put("state", state);
        status.put("startedAt", System.currentTimeMillis() - 60_000);
        status.put("uptimeMs", 60_000);
        status.put("statusIntervalMs", 1000);
        status.put("routes", Map.of("kline-sync", Map.of("state", "Started", "exchangesTotal", 10, "exchangesFailed", 1)));
        status.put("counters", Map.of("candlesIngested", Map.of(), "errors", 0));
        status.put("exchanges", exchanges);
        status.put("infrastructure", infrastructure);
        outbox.publish(EventTypes.SYSTEM_STATUS, status);
    }

    private JsonNode service(String instanceId) {
        return StreamSupport.stream(api().getOk("/api/v1/system/services").path("services").spliterator(), false)
                .filter(s -> instanceId.equals(s.path("instanceId").asText())).findFirst().orElse(MissingNode.getInstance());
    }

    private JsonNode alert(String status, String kind, String subject) {
        return StreamSupport.stream(api().getOk("/api/v1/system/alerts?status=" + status).path("alerts").spliterator(), false)
                .filter(a -> kind.equals(a.path("kind").asText()) && subject.equals(a.path("subject").asText()))
                .findFirst().orElse(null);
    }

    private JsonNode healthComponent(String name) {
        return api().getOk("/api/v1/system/health").path("components").path(name);
    }

    private List<String> announcedAlertStates(String subject) {
        return jdbc.queryForList("SELECT data->>'status' FROM monitor_event WHERE type = 'system.alert' AND data->>'subject' = ?",
                String.class, subject);
    }
}
