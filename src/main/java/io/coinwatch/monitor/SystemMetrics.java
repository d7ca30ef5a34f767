package io.coinwatch.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.messaging.ParkedMessages;

/** The answer of GET /system/metrics: the pipeline's rates, progress and backlogs in one document. */
@Component
public class SystemMetrics {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * backfill (overall per exchange) and gaps are the market-data role's own figures from its latest status, null
     * while no market-data process reports them; per-symbol progress is GET /market-data/backfill/status.
     */
    @Schema(name = "MetricsReport")
    public record Report(Ingest ingest, JsonNode backfill, OpenGaps.Summary gaps, Queues queues,
                         long parkedMessages, Errors errors, List<RouteMetrics> routes, Map<String, Long> eventsLastHour) {
    }

    /** Candles stored per second over the last 1 and 5 minutes, in total and per exchange. */
    public record Ingest(double candlesPerSecond1m, double candlesPerSecond5m, Map<String, Rate> byExchange) {
    }

    public record Rate(double perSecond1m, double perSecond5m) {
    }

    /** Depth per queue, or why the broker could not be asked. */
    public record Queues(Map<String, QueueDepths.Depth> depths, String error) {
    }

    public record Errors(long lastMinute, long last5Minutes, long lastHour, Map<String, Long> byRouteLastHour,
                         List<MonitorStore.ErrorEvent> recent) {
    }

    /** One route id across the live processes: its exchanges so far, its throughput, and its state in each process. */
    public record RouteMetrics(String routeId, long exchangesTotal, long exchangesFailed, double exchangesPerSecond1m,
                               Map<String, String> states) {
    }

    private final MonitorStore store;
    private final InstanceDirectory instances;
    private final OpenGaps gaps;
    private final QueueDepths queues;
    private final ParkedMessages parked;

    public SystemMetrics(MonitorStore store, InstanceDirectory instances, OpenGaps gaps,
                         QueueDepths queues, ParkedMessages parked) {
        this.store = store;
        this.instances = instances;
        this.gaps = gaps;
        this.queues = queues;
        this.parked = parked;
    }

    public Report report() {
        // Twice the longest window, so every process has a status from before the window's start when it is that old.
        List<MonitorStore.StatusSample> samples = store.statusSamples(FIVE_MINUTES.multipliedBy(2));
        return new Report(ingest(samples), instances.latestSection("backfill").orElse(null), gaps.summary().orElse(null), queues(), parked.countOpen(), errors(),
                routes(samples), store.countsByType(HOUR));
    }

    private Ingest ingest(List<MonitorStore.StatusSample> samples) {
        var candles = CounterRates.numbersAt("counters", "candlesIngested");
        Map<String, Double> oneMinute = CounterRates.perSecond(samples, MINUTE, candles);
        Map<String, Double> fiveMinutes = CounterRates.perSecond(samples, FIVE_MINUTES, candles);
        Map<String, Rate> byExchange = new TreeMap<>();
        oneMinute.keySet().forEach(e -> byExchange.put(e, new Rate(round(oneMinute.get(e)), round(fiveMinutes.getOrDefault(e, 0.0)))));
        return new Ingest(round(sum(oneMinute)), round(sum(fiveMinutes)), byExchange);
    }

    private Queues queues() {
        try {
            return new Queues(queues.depths(), null);
        } catch (AmqpException e) {
            return new Queues(Map.of(), "broker unreachable: " + e.getMessage());
        }
    }

    private Errors errors() {
        return new Errors(store.countSince(EventTypes.SYSTEM_ERROR, MINUTE), store.countSince(EventTypes.SYSTEM_ERROR, FIVE_MINUTES),
                store.countSince(EventTypes.SYSTEM_ERROR, HOUR), store.errorsByRoute(HOUR), store.recentErrors(20));
    }

    private List<RouteMetrics> routes(List<MonitorStore.StatusSample> samples) {
        Map<String, Double> throughput = CounterRates.perSecond(samples, MINUTE, CounterRates.fieldOfEach("routes", "exchangesTotal"));
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, Map<String, String>> states = new TreeMap<>();
        instances.instances().stream().filter(i -> i.liveness() == InstanceDirectory.Liveness.UP).forEach(i ->
                i.status().path("routes").fields().forEachRemaining(route -> {
                    long[] t = totals.computeIfAbsent(route.getKey(), k -> new long[2]);
                    t[0] += route.getValue().path("exchangesTotal").asLong();
                    t[1] += route.getValue().path("exchangesFailed").asLong();
                    states.computeIfAbsent(route.getKey(), k -> new TreeMap<>()).put(i.instanceId(), route.getValue().path("state").asText());
                }));
        List<RouteMetrics> routes = new ArrayList<>();
        totals.forEach((id, t) -> routes.add(new RouteMetrics(id, t[0], t[1], round(throughput.getOrDefault(id, 0.0)), states.get(id))));
        return routes;
    }

    private static double sum(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
