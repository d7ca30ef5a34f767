package io.coinwatch.gateway;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coinwatch.core.messaging.EventEnvelope;

/**
 * Recent candle and indicator answers, keyed on the full request (path and every parameter), kept for a short TTL
 * and dropped for a symbol as soon as market.updated says its candles changed.
 */
public class ResponseCache {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    /** A cached answer. */
    public record Entry(String symbol, String contentType, byte[] body, long expiresAt) {
    }

    private final GatewayProperties.Cache config;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    public ResponseCache(GatewayProperties.Cache config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Entry get(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt() < clock.millis()) {
            remove(key, entry);
            return null;
        }
        return entry;
    }

    public void put(String key, String symbol, String contentType, byte[] body) {
        long limit = config.maxSize().toBytes();
        if (bytes.get() + body.length > limit) {
            long now = clock.millis();
            removeIf(e -> e.expiresAt() < now);
            if (bytes.get() + body.length > limit) {
                return; // full of live answers: serve uncached rather than grow past the budget
            }
        }
        Entry entry = new Entry(symbol, contentType, body, clock.millis() + config.ttl().toMillis());
        bytes.addAndGet(body.length);
        Entry replaced = entries.put(key, entry);
        if (replaced != null) {
            bytes.addAndGet(-replaced.body().length);
        }
    }

    /** Called by the gateway-cache-eviction route for every market.updated event. */
    public void onMarketUpdated(EventEnvelope event) {
        String symbol = event.text("symbol");
        int dropped = removeIf(e -> e.symbol().equals(symbol));
        log.debug("market.updated {}: dropped {} cached answers", symbol, dropped);
    }

    /** Bytes of the bodies held now. */
    public long sizeInBytes() {
        return bytes.get();
    }

    private int removeIf(Predicate<Entry> condition) {
        int removed = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (condition.test(e.getValue()) && remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    private boolean remove(String key, Entry entry) {
        if (entries.remove(key, entry)) {
            bytes.addAndGet(-entry.body().length);
            return true;
        }
        return false;
    }
}
