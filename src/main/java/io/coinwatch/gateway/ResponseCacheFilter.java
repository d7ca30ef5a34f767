package io.coinwatch.gateway;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Serves GET /api/v1/market-data/klines/{symbol} and /indicators/{symbol}/... from the {@link ResponseCache} when it
 * can, and fills it with successful answers. Cache-Control tells clients how long an answer stays fresh; the ETag
 * filter behind it lets them revalidate.
 */
public class ResponseCacheFilter extends OncePerRequestFilter {

    private static final Pattern CACHEABLE = Pattern.compile("^/api/v1/market-data/(?:klines|indicators)/([^/]+)(?:/.*)?$");

    private final ResponseCache cache;
    private final long maxAgeSeconds;

    public ResponseCacheFilter(ResponseCache cache, GatewayProperties.Cache config) {
        this.cache = cache;
        this.maxAgeSeconds = config.ttl().toSeconds();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !CACHEABLE.matcher(request.getRequestURI()).matches();
    }

    /** platform-http answers on an async dispatch: the body exists only once that dispatch has run. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = CACHEABLE.matcher(request.getRequestURI());
        m.matches();
        String symbol = m.group(1);
        String key = request.getRequestURI() + "?" + (request.getQueryString() == null ? "" : request.getQueryString());
        ContentCachingResponseWrapper existing = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        if (isAsyncDispatch(request) && existing != null) {
            chain.doFilter(request, response);
            settle(request, existing, key, symbol);
            return;
        }
        ResponseCache.Entry hit = cache.get(key);
        response.setHeader("Cache-Control", "max-age=" + maxAgeSeconds);
        if (hit != null) {
            response.setHeader("X-Cache", "HIT");
            response.setContentType(hit.contentType());
            response.setContentLength(hit.body().length);
            response.getOutputStream().write(hit.body());
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        wrapper.setHeader("X-Cache", "MISS");
        chain.doFilter(request, wrapper);
        settle(request, wrapper, key, symbol);
    }

    private void settle(HttpServletRequest request, ContentCachingResponseWrapper wrapper, String key, String symbol) throws IOException {
        if (isAsyncStarted(request)) {
            return; // the async dispatch will come back through this filter with the body
        }
        if (wrapper.getStatus() == 200) {
            cache.put(key, symbol, wrapper.getContentType(), wrapper.getContentAsByteArray());
        }
        wrapper.copyBodyToResponse();
    }
}
