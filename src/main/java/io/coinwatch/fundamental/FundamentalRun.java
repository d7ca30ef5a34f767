package io.coinwatch.fundamental;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a collection flow (coin-mapping, metadata, market-metrics, sentiment), carried through its route as the
 * {@value #PROPERTY} exchange property: what it changed and which items failed, for its fundamental.updated event.
 */
public final class FundamentalRun {

    public static final String PROPERTY = "fundamentalRun";

    private final String kind;
    private final String source;
    private final Instant startedAt;
    private final Map<String, Object> changes = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private String error;

    FundamentalRun(String kind, String source, Instant startedAt) {
        this.kind = kind;
        this.source = source;
        this.startedAt = startedAt;
    }

    public String kind() {
        return kind;
    }

    /** The API the run reads, e.g. coingecko or reddit. */
    public String source() {
        return source;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Records what changed under this key, e.g. "coins" -> the coin ids that got a new snapshot. */
    public synchronized void changed(String key, Object value) {
        changes.put(key, value);
    }

    /** Adds an item to the list under this key, e.g. "coins" -> a coin whose metadata was stored. */
    @SuppressWarnings("unchecked")
    public synchronized void add(String key, String item) {
        ((List<String>) changes.computeIfAbsent(key, k -> new ArrayList<String>())).add(item);
    }

    synchronized void itemFailed(String item, String message) {
        failures.put(item, message);
    }

    synchronized void stopped(String message) {
        error = message;
    }

    synchronized boolean newsworthy() {
        return error != null || !failures.isEmpty() || changes.values().stream()
                .anyMatch(v -> !(v instanceof Collection<?> c && c.isEmpty()) && !(v instanceof Number n && n.longValue() == 0));
    }

    /** For the log: each change as its size, e.g. "coins=480, failures=2". */
    synchronized String summary() {
        StringBuilder text = new StringBuilder(error == null ? "complete" : "stopped (" + error + ")");
        changes.forEach((key, value) -> text.append(", ").append(key).append('=')
                .append(value instanceof Collection<?> c ? c.size() : value));
        return text.append(", failures=").append(failures.size()).toString();
    }

    synchronized Map<String, Object> event(Instant finishedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", kind);
        data.put("source", source);
        data.put("startedAt", startedAt.toEpochMilli());
        data.put("finishedAt", finishedAt.toEpochMilli());
        data.put("complete", error == null);
        if (error != null) {
            data.put("error", error);
        }
        data.putAll(changes);
        data.put("failures", Map.copyOf(failures));
        return data;
    }
}
