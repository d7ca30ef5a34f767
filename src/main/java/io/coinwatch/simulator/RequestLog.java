package io.coinwatch.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request that reached the simulator, whatever it was answered: exact counters per path and per (path, subject),
 * and the most recent requests with their arrival time, so a test can assert for instance that a client sent nothing
 * while it was banned. The timestamped part is bounded ({@code request-log-capacity}) so a long benchmark cannot
 * exhaust memory; the counters are not.
 */
public final class RequestLog {

    /**
     * One request: when it arrived (wall clock), its path, its subject (symbol or coin id, may be null), the status sent
     * and its query parameters (so a test can tell which page of a symbol was asked for).
     */
    public record Entry(Instant receivedAt, String path, String subject, int status, Map<String, String> params) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> recent;
    private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byPathAndSubject = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    RequestLog(int capacity) {
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    void record(Entry entry) {
        total.increment();
        byPath.computeIfAbsent(entry.path(), p -> new LongAdder()).increment();
        if (entry.subject() != null) {
            byPathAndSubject.computeIfAbsent(key(entry.path(), entry.subject()), k -> new LongAdder()).increment();
        }
        if (capacity == 0) {
            return;
        }
        synchronized (recent) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(entry);
        }
    }

    public long total() {
        return total.sum();
    }

    public long count(String path) {
        LongAdder counter = byPath.get(path);
        return counter == null ? 0 : counter.sum();
    }

    public long count(String path, String subject) {
        LongAdder counter = byPathAndSubject.get(key(path, subject));
        return counter == null ? 0 : counter.sum();
    }

    /** The most recent requests, oldest first. */
    public List<Entry> entries() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Requests that arrived in [from, to). */
    public List<Entry> entriesBetween(Instant from, Instant to) {
        return entries().stream()
                .filter(e -> !e.receivedAt().isBefore(from) && e.receivedAt().isBefore(to))
                .toList();
    }

    public void clear() {
        total.reset();
        byPath.clear();
        byPathAndSubject.clear();
        synchronized (recent) {
            recent.clear();
        }
    }

    private static String key(String path, String subject) {
        return path + ' ' + subject.toUpperCase(Locale.ROOT);
    }
}
