package io.coinwatch.gateway;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coinwatch.core.messaging.EventEnvelope;

/**
 * Recent candle and indicator answers, keyed on the full request (path and every parameter), kept for a short TTL
 * and dropped for a symbol as soon as market.updated says its candles changed. A Caffeine cache weighed in body bytes,
 * so coinwatch.gateway.cache.max-size bounds the memory it takes, whatever the answers' sizes.
 */
public class ResponseCache {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    /** A cached answer. */
    public record Entry(String symbol, String contentType, byte[] body) {
    }

    private final Cache<String, Entry> entries;

    public ResponseCache(GatewayProperties.Cache config, Clock clock) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.maxSize().toBytes())
                .weigher((String key, Entry entry) -> entry.body().length)
                .expireAfterWrite(config.ttl())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Evictions on the caller's thread: the budget holds as soon as put returns, no pool thread needed.
                .executor(Runnable::run)
                .build();
    }

    public Entry get(String key) {
        return entries.getIfPresent(key);
    }

    public void put(String key, String symbol, String contentType, byte[] body) {
        entries.put(key, new Entry(symbol, contentType, body));
    }

    /** Called by the gateway-cache-eviction route for every market.updated event. */
    public void onMarketUpdated(EventEnvelope event) {
        String symbol = event.text("symbol");
        boolean dropped = entries.asMap().values().removeIf(e -> e.symbol().equals(symbol));
        log.debug("market.updated {}: cached answers dropped: {}", symbol, dropped);
    }

    /** Bytes of the bodies held now. */
    public long sizeInBytes() {
        entries.cleanUp();
        return entries.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }
}
