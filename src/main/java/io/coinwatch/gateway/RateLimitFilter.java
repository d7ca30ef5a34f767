package io.coinwatch.gateway;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import io.coinwatch.core.api.ApiResponses;
import io.coinwatch.core.ratelimit.SharedBuckets;

/**
 * Rate limits per client and endpoint group, shared by every gateway replica (the buckets live in PostgreSQL; each
 * replica takes their tokens a batch at a time, {@link ReservedTokens}, so a request rarely costs a transaction). The
 * client is the API key's name when a configured key is sent, else the remote address; an unknown or malformed key is
 * a 401, so a made-up key never buys a fresh budget. Every API response carries X-RateLimit-Limit / -Remaining /
 * -Reset (epoch seconds); a breach is a 429 in the error contract with Retry-After. It sits in front of Spring MVC,
 * where platform-http serves the REST routes, because Camel's Throttle EIP can neither report the budget nor answer
 * per client.
 * <p>
 * While the store (the database) cannot be reached, requests pass unlimited: the limit protects the API, and an
 * outage must not turn every answer, health included, into an error. After a failed call the store is left alone for
 * {@link #STORE_RETRY_MILLIS}, so requests do not each wait for a connection that will not come.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    static final long STORE_RETRY_MILLIS = 5_000;

    private final GatewayProperties.RateLimit config;
    private final ApiKeys apiKeys;
    private final ReservedTokens tokens;
    private final Clock clock;
    /** Epoch millis until which the store is not asked (0: it answers). */
    private final AtomicLong storeDownUntil = new AtomicLong();

    public RateLimitFilter(GatewayProperties.RateLimit config, ApiKeys apiKeys, SharedBuckets buckets, Clock clock) {
        this.config = config;
        this.apiKeys = apiKeys;
        this.tokens = new ReservedTokens(buckets, clock, config.localShare());
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !config.enabled() || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> client = client(request);
        if (client.isEmpty()) {
            ApiResponses.writeError(response, 401, "invalid_api_key",
                    "Unknown or malformed " + config.apiKeyHeader() + "; send a configured key or none");
            return;
        }
        String group = group(request.getRequestURI());
        int limit = config.limitFor(group);
        long now = clock.millis();
        if (now < storeDownUntil.get()) {
            chain.doFilter(request, response);
            return;
        }
        ReservedTokens.Admission admission;
        try {
            admission = tokens.take("rate:" + client.get() + "|" + group, limit, config.window());
        } catch (RuntimeException e) {
            if (storeDownUntil.getAndSet(clock.millis() + STORE_RETRY_MILLIS) == 0) {
                log.warn("Rate-limit store unavailable, requests pass unlimited until it answers: {}", e.getMessage());
            }
            chain.doFilter(request, response);
            return;
        }
        if (storeDownUntil.getAndSet(0) != 0) {
            log.info("Rate-limit store answers again, limits apply");
        }
        response.setHeader("X-RateLimit-Limit", String.valueOf(limit));
        response.setHeader("X-RateLimit-Remaining", String.valueOf(admission.remaining()));
        response.setHeader("X-RateLimit-Reset", String.valueOf(TimeUnit.MILLISECONDS.toSeconds(admission.refillAtMillis() + 999)));
        if (!admission.admitted()) {
            long retryAfter = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(admission.refillAtMillis() - now + 999));
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            ApiResponses.writeError(response, 429, "rate_limited",
                    "Rate limit of " + limit + " requests per " + config.window().toSeconds() + " s exceeded for " + group
                            + "; retry in " + retryAfter + " s");
            return;
        }
        chain.doFilter(request, response);
    }

    /** "key:<name>" for a configured API key, "ip:<address>" without one, empty for an unknown or malformed key. */
    private Optional<String> client(HttpServletRequest request) {
        String key = request.getHeader(config.apiKeyHeader());
        if (key == null) {
            return Optional.of("ip:" + request.getRemoteAddr());
        }
        return apiKeys.identify(key).map(name -> "key:" + name);
    }

    /** The endpoint group: the path segment after /api/v1/. */
    static String group(String uri) {
        String rest = uri.startsWith("/api/v1/") ? uri.substring("/api/v1/".length()) : "";
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        return first.isEmpty() ? "default" : first;
    }
}
