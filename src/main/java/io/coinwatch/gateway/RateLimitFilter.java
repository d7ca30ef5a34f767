package io.coinwatch.gateway;

import io.coinwatch.core.api.ApiResponses;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fixed-window rate limits per client (the API key header when sent, else the remote address) and endpoint group.
 * Every API response carries X-RateLimit-Limit / -Remaining / -Reset (epoch seconds); a breach is a 429 in the
 * error contract with Retry-After. It sits in front of Spring MVC, where platform-http serves the REST routes,
 * because Camel's Throttle EIP can neither report the budget nor answer per client.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final GatewayProperties.RateLimit config;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile long currentWindowStart;

    private static final class Window {
        private int used;
    }

    public RateLimitFilter(GatewayProperties.RateLimit config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !config.enabled() || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String group = group(request.getRequestURI());
        int limit = config.limitFor(group);
        long windowMillis = config.window().toMillis();
        long now = clock.millis();
        long windowStart = now - Math.floorMod(now, windowMillis);
        if (windowStart != currentWindowStart) {
            // A new window: every client starts again, and the map never grows beyond one window's clients.
            windows.clear();
            currentWindowStart = windowStart;
        }
        Window window = windows.computeIfAbsent(client(request) + "|" + group, k -> new Window());
        int used;
        synchronized (window) {
            used = ++window.used;
        }
        long resetEpochSeconds = (windowStart + windowMillis + 999) / 1000;
        response.setHeader("X-RateLimit-Limit", String.valueOf(limit));
        response.setHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, limit - used)));
        response.setHeader("X-RateLimit-Reset", String.valueOf(resetEpochSeconds));
        if (used > limit) {
            long retryAfter = Math.max(1, (windowStart + windowMillis - now + 999) / 1000);
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            response.setContentType("application/json");
            response.getWriter().write(ApiResponses.errorJson(429, "rate_limited",
                    "Rate limit of " + limit + " requests per " + config.window().toSeconds() + " s exceeded for " + group
                            + "; retry in " + retryAfter + " s"));
            return;
        }
        chain.doFilter(request, response);
    }

    private String client(HttpServletRequest request) {
        String key = request.getHeader(config.apiKeyHeader());
        if (key == null || key.isBlank()) {
            return "ip:" + request.getRemoteAddr();
        }
        return "key:" + (key.length() > 128 ? key.substring(0, 128) : key);
    }

    /** The endpoint group: the path segment after /api/v1/. */
    static String group(String uri) {
        String rest = uri.startsWith("/api/v1/") ? uri.substring("/api/v1/".length()) : "";
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        return first.isEmpty() ? "default" : first;
    }
}
