package io.coinwatch.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * coinwatch.gateway.*: rate limits per endpoint group, response caching, CORS, and where the roles this process does
 * not run can be found.
 *
 * @param rateLimit  requests per client (API key, else IP) and group in each window
 * @param cache      short-lived caching of candle and indicator reads
 * @param cors       origins allowed to call the API from a browser
 * @param services   the service registry: base URLs per role id (market-data, fundamental-data, monitor)
 * @param forwarding health checks and timeouts of the forwarding to those base URLs
 * @param apiKeys    {@code name:secret} pairs, comma-separated (from COINWATCH_API_KEYS only); a client sending one of
 *                   these secrets in the API key header has its own budget under the name
 */
@ConfigurationProperties("coinwatch.gateway")
public record GatewayProperties(RateLimit rateLimit, Cache cache, Cors cors, Map<String, Service> services, Forwarding forwarding,
                                String apiKeys) {

    public GatewayProperties {
        rateLimit = rateLimit == null ? new RateLimit(true, null, null, null, null, null) : rateLimit;
        cache = cache == null ? new Cache(true, null, null) : cache;
        cors = cors == null ? new Cors(List.of(), null) : cors;
        services = services == null ? Map.of() : services;
        forwarding = forwarding == null ? new Forwarding(null, null, null, null, null) : forwarding;
    }

    /**
     * @param groups     limit per group: the first path segment after /api/v1 (market-data, fundamental, system), or "default"
     * @param localShare the share of a limit a gateway replica takes from the shared bucket at once and hands out
     *                   without asking the database (at least one token); 0.1: one transaction per tenth of a limit
     */
    public record RateLimit(boolean enabled, Duration window, Integer defaultLimit, Map<String, Integer> groups, String apiKeyHeader,
                            Double localShare) {
        public RateLimit {
            window = window == null ? Duration.ofMinutes(1) : window;
            localShare = localShare == null ? 0.1 : localShare;
            if (localShare <= 0 || localShare > 1) {
                throw new IllegalArgumentException("coinwatch.gateway.rate-limit.local-share must be in (0, 1], not " + localShare);
            }
            defaultLimit = defaultLimit == null ? 600 : defaultLimit;
            groups = groups == null ? Map.of() : groups;
            apiKeyHeader = apiKeyHeader == null ? "X-API-Key" : apiKeyHeader;
        }

        public int limitFor(String group) {
            return groups.getOrDefault(group, defaultLimit);
        }
    }

    /**
     * @param ttl     how long a cached read is served; market.updated drops a symbol's entries at once
     * @param maxSize the bodies the cache may hold in all (an answer of 1,000 candles is about 120 KB), so the cache
     *                fits whatever heap the process is given
     */
    public record Cache(boolean enabled, Duration ttl, DataSize maxSize) {
        public Cache {
            ttl = ttl == null ? Duration.ofSeconds(10) : ttl;
            maxSize = maxSize == null ? DataSize.ofMegabytes(32) : maxSize;
        }
    }

    public record Cors(List<String> allowedOrigins, Duration maxAge) {
        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins;
            maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
        }
    }

    /** @param baseUrls where the role's instances answer, e.g. http://market-data:8080; none when the role is local */
    public record Service(List<String> baseUrls) {
        public Service {
            baseUrls = baseUrls == null ? List.of()
                    : baseUrls.stream().map(String::trim).filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", "")).toList();
        }
    }

    /**
     * @param healthCheckInterval how often every base URL is probed; also the Retry-After of a 503 for a role that is down
     * @param healthPath          the path probed on each base URL; a 2xx answer means healthy
     * @param healthTimeout       how long a probe may take
     * @param connectTimeout      connecting to a role for a forwarded request
     * @param responseTimeout     waiting for the role's answer to a forwarded request
     */
    public record Forwarding(Duration healthCheckInterval, String healthPath, Duration healthTimeout, Duration connectTimeout,
                             Duration responseTimeout) {
        public Forwarding {
            healthCheckInterval = healthCheckInterval == null ? Duration.ofSeconds(5) : healthCheckInterval;
            healthPath = healthPath == null ? "/actuator/health" : healthPath;
            healthTimeout = healthTimeout == null ? Duration.ofSeconds(2) : healthTimeout;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            responseTimeout = responseTimeout == null ? Duration.ofSeconds(30) : responseTimeout;
        }
    }
}
