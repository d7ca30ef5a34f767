package io.coinwatch.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * coinwatch.gateway.*: rate limits per endpoint group, response caching, CORS.
 *
 * @param rateLimit requests per client (API key, else IP) and group in each window
 * @param cache     short-lived caching of candle and indicator reads
 * @param cors      origins allowed to call the API from a browser
 */
@ConfigurationProperties("coinwatch.gateway")
public record GatewayProperties(RateLimit rateLimit, Cache cache, Cors cors) {

    public GatewayProperties {
        rateLimit = rateLimit == null ? new RateLimit(true, null, null, null, null) : rateLimit;
        cache = cache == null ? new Cache(true, null, 0) : cache;
        cors = cors == null ? new Cors(List.of(), null) : cors;
    }

    /**
     * @param groups limit per group: the first path segment after /api/v1 (market-data, fundamental, system), or "default"
     */
    public record RateLimit(boolean enabled, Duration window, Integer defaultLimit, Map<String, Integer> groups, String apiKeyHeader) {
        public RateLimit {
            window = window == null ? Duration.ofMinutes(1) : window;
            defaultLimit = defaultLimit == null ? 600 : defaultLimit;
            groups = groups == null ? Map.of() : groups;
            apiKeyHeader = apiKeyHeader == null ? "X-API-Key" : apiKeyHeader;
        }

        public int limitFor(String group) {
            return groups.getOrDefault(group, defaultLimit);
        }
    }

    /** @param ttl how long a cached read is served; market.updated drops a symbol's entries at once */
    public record Cache(boolean enabled, Duration ttl, int maxEntries) {
        public Cache {
            ttl = ttl == null ? Duration.ofSeconds(10) : ttl;
            maxEntries = maxEntries <= 0 ? 10_000 : maxEntries;
        }
    }

    public record Cors(List<String> allowedOrigins, Duration maxAge) {
        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins;
            maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
        }
    }
}
