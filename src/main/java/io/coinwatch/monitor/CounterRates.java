package io.coinwatch.monitor;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Per-second rates from the cumulative counters processes report in their statuses: per process, the newest count
 * minus the count at the start of the window, over the time between them on that process's own clock. A process
 * younger than the window counted from zero at its start, so its whole life is the base.
 */
final class CounterRates {

    private CounterRates() {
    }

    /**
     * @param samples  status history, any processes, covering at least the window before each process's newest status
     * @param counters reads the counters of interest from one status, by key (exchange, route id, ...)
     * @return per key, the sum over processes of counts per second within the window
     */
    static Map<String, Double> perSecond(List<MonitorStore.StatusSample> samples, Duration window,
                                         Function<JsonNode, Map<String, Long>> counters) {
        Map<String, Double> rates = new TreeMap<>();
        samples.stream().collect(Collectors.groupingBy(MonitorStore.StatusSample::instanceId)).values().forEach(history -> {
            history.sort(Comparator.comparingLong(MonitorStore.StatusSample::at));
            MonitorStore.StatusSample newest = history.get(history.size() - 1);
            long cutoff = newest.at() - window.toMillis();
            long startedAt = newest.status().path("startedAt").asLong(Long.MIN_VALUE);
            MonitorStore.StatusSample base = history.stream().filter(s -> s.at() <= cutoff).reduce((a, b) -> b).orElse(null);
            long baseAt;
            Map<String, Long> baseCounts;
            if (base != null) {
                baseAt = base.at();
                baseCounts = counters.apply(base.status());
            } else if (startedAt >= cutoff) {
                baseAt = startedAt;
                baseCounts = Map.of();
            } else {
                baseAt = history.get(0).at();
                baseCounts = counters.apply(history.get(0).status());
            }
            long elapsedMs = newest.at() - baseAt;
            if (elapsedMs <= 0) {
                return;
            }
            counters.apply(newest.status()).forEach((key, count) -> {
                long delta = Math.max(0, count - baseCounts.getOrDefault(key, 0L));
                rates.merge(key, delta * 1000.0 / elapsedMs, Double::sum);
            });
        });
        return rates;
    }

    /** Reads {"key": number, ...} at a path of a status. */
    static Function<JsonNode, Map<String, Long>> numbersAt(String... path) {
        return status -> {
            JsonNode node = status;
            for (String p : path) {
                node = node.path(p);
            }
            Map<String, Long> values = new TreeMap<>();
            node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asLong()));
            return values;
        };
    }

    /** Reads {"key": {field: number}, ...} at a path of a status: the route map and its exchange counts, say. */
    static Function<JsonNode, Map<String, Long>> fieldOfEach(String path, String field) {
        return status -> {
            Map<String, Long> values = new TreeMap<>();
            status.path(path).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().path(field).asLong()));
            return values;
        };
    }
}
