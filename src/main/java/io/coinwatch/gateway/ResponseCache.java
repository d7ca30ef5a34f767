package io.coinwatch.gateway;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    public ResponseCache(GatewayProperties.Cache config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Entry get(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt() < clock.millis()) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    public void put(String key, String symbol, String contentType, byte[] body) {
        if (entries.size() >= config.maxEntries()) {
            long now = clock.millis();
            entries.values().removeIf(e -> e.expiresAt() < now);
            if (entries.size() >= config.maxEntries()) {
                return; // full of live entries: serve uncached rather than grow without bound
            }
        }
        entries.put(key, new Entry(symbol, contentType, body, clock.millis() + config.ttl().toMillis()));
    }

    /** Called by the gateway-cache-eviction route for every market.updated event. */
    public void onMarketUpdated(EventEnvelope event) {
        String symbol = event.text("symbol");
        int before = entries.size();
        entries.values().removeIf(e -> e.symbol().equals(symbol));
        log.debug("market.updated {}: dropped {} cached answers", symbol, before - entries.size());
    }

    public int size() {
        return entries.size();
    }
}
