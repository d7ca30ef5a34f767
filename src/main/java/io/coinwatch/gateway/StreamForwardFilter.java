package io.coinwatch.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.coinwatch.core.api.ApiErrorBody;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Split deployment: GET /api/v1/market-data/stream is relayed from a market-data instance as it arrives. The
 * forward route (camel-http) answers with a complete body, which a stream never has, so this filter takes that one
 * path before it and copies the event stream byte for byte, flushing after every read. One relay thread per open
 * stream (Java 17: no virtual threads), so a gateway replica relays as many streams as it has threads for.
 */
public class StreamForwardFilter extends OncePerRequestFilter implements SmartLifecycle {

    static final String PATH = "/api/v1/market-data/stream";
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Cache-Control", "Retry-After", "X-Accel-Buffering");

    private final ServiceRegistry registry;
    private final boolean active;
    private final HttpClient http;
    private final ExecutorService relays;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public StreamForwardFilter(ServiceRegistry registry, GatewayProperties.Forwarding timeouts) {
        this.registry = registry;
        this.active = registry.remoteGroups().contains(ApiGroup.MARKET_DATA);
        AtomicInteger threads = new AtomicInteger();
        this.relays = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stream-relay-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connectTimeout()).executor(relays).build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !active || !"GET".equals(request.getMethod()) || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException {
        ServiceRegistry.Instance instance;
        try {
            instance = registry.choose(ApiGroup.MARKET_DATA);
        } catch (RoleUnavailableException e) {
            error(response, 503, "role_unavailable", e.getMessage());
            return;
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        HttpRequest.Builder upstream = HttpRequest.newBuilder(URI.create(instance.baseUrl() + PATH + query))
                .header("Accept", "text/event-stream").GET();
        String lastEventId = request.getHeader("Last-Event-ID");
        if (lastEventId != null) {
            upstream.header("Last-Event-ID", lastEventId);
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        http.sendAsync(upstream.build(), HttpResponse.BodyHandlers.ofInputStream()).whenCompleteAsync((answer, failure) -> {
            try {
                if (failure != null) {
                    registry.markDown(instance, String.valueOf(failure.getMessage()));
                    error(response, 503, "role_unavailable", "The market-data service is unavailable; retry shortly");
                } else {
                    relay(answer, response);
                }
            } catch (IOException e) {
                // the client went away: closing the upstream body (relay) ends the market-data side too
            } finally {
                async.complete();
            }
        }, relays);
    }

    private void relay(HttpResponse<InputStream> answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.statusCode());
        for (String header : RESPONSE_HEADERS) {
            answer.headers().firstValue(header).ifPresent(value -> response.setHeader(header, value));
        }
        try (InputStream in = answer.body()) {
            open.add(in);
            OutputStream out = response.getOutputStream();
            response.flushBuffer();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } finally {
            open.remove(answer.body());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every relayed stream before the web server's graceful shutdown, which would wait for them in vain. */
    @Override
    public void stop() {
        running = false;
        for (InputStream in : open) {
            try {
                in.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        relays.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Retry-After", "5");
        response.getOutputStream().write(mapper.writeValueAsString(ApiErrorBody.of(status, code, message)).getBytes(StandardCharsets.UTF_8));
    }
}
