package io.coinwatch.core.source;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.springframework.stereotype.Component;

/** One {@link SourceGuard} per configured exchange and data vendor, shared by every route of the process. */
@Component("sourceGuards")
public class SourceGuards {

    private final Map<String, SourceGuard> guards = new ConcurrentHashMap<>();

    public SourceGuards(SourceProperties properties, Clock clock) {
        BiConsumer<String, SourceProperties.Source> add = (name, cfg) -> guards.put(name,
                new SourceGuard(name, cfg.budget(), cfg.budgetWindow(), cfg.banWindow(), cfg.ipLimit(), clock));
        properties.exchanges().forEach(add);
        properties.vendors().forEach(add);
    }

    public boolean has(String source) {
        return guards.containsKey(source);
    }

    public SourceGuard of(String source) {
        SourceGuard guard = guards.get(source);
        if (guard == null) {
            throw new IllegalArgumentException("No coinwatch.exchanges." + source + " (or coinwatch.vendors." + source + ") configured");
        }
        return guard;
    }

    /** Called by the request route before every request; a request weighs 1 unless its route says otherwise. */
    public void acquire(String source, Integer weight) throws InterruptedException {
        of(source).acquire(weight == null ? 1 : weight);
    }

    public Collection<SourceGuard> all() {
        return guards.values();
    }
}
