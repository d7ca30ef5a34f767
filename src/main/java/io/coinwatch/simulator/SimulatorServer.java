package io.coinwatch.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The exchange simulator: one JDK HTTP server answering Bybit v5, Binance spot, CoinGecko and Reddit requests from its
 * root, so an adapter pointed at {@link #baseUrl()} cannot tell it from the real services.
 *
 * <p>Every request goes through the same steps: it is logged, counted by its API's {@link TrafficPolicy} (which may
 * refuse it: ban, enforced limit), then an injected {@link ResponseFault} may replace or reshape the answer, then the
 * API answers and the rate headers are added.
 *
 * <p>Two clocks: the market clock is the exchange's "now" (which candles exist, which one is still open) and is
 * injectable so tests are deterministic; rate windows, bans and the request log run on the wall clock because
 * clients back off in real time.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);

    private final SimulatorProperties properties;
    private final Clock wallClock;
    private final SimulatorFaults faults;
    private final RequestLog requestLog;
    private final Set<String> symbols;
    private final Map<Api, ApiHandler> handlers = new EnumMap<>(Api.class);
    private final Map<Api, TrafficPolicy> policies = new EnumMap<>(Api.class);
    private HttpServer server;
    private ExecutorService executor;

    /** marketClock dates the candles and listings; wallClock times bans and the request log (always real time). */
    public SimulatorServer(SimulatorProperties properties, Clock marketClock, Clock wallClock) {
        this.properties = properties;
        this.wallClock = wallClock;
        this.faults = new SimulatorFaults(properties.faults(), wallClock);
        this.requestLog = new RequestLog(properties.requestLogCapacity());
        SimulatedMarket market = SimulatedMarket.create(properties, marketClock.instant());
        this.symbols = market.instruments().stream().map(Instrument::symbol).collect(Collectors.toUnmodifiableSet());
        SimulatedExchange exchange = new SimulatedExchange(market, faults, marketClock);
        CoinCatalog coins = CoinCatalog.create(market.instruments(), properties.seed(), marketClock.instant());
        SimulatorProperties.Limits limits = properties.limits();
        handlers.put(Api.BYBIT, new BybitApi(exchange));
        handlers.put(Api.BINANCE, new BinanceApi(exchange, properties.seed(), limits.binanceWeightPerMinute()));
        handlers.put(Api.COINGECKO, new CoinGeckoApi(coins, marketClock));
        handlers.put(Api.REDDIT, new RedditApi(properties.seed(), marketClock));
        policies.put(Api.BYBIT, new BybitTrafficPolicy(limits, faults));
        policies.put(Api.BINANCE, new BinanceTrafficPolicy(limits, faults));
        policies.put(Api.COINGECKO, new CoinGeckoTrafficPolicy(limits, faults));
        policies.put(Api.REDDIT, new RedditTrafficPolicy(faults));
    }

    /** Binds the port and starts serving; returns this for chaining. */
    public synchronized SimulatorServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(properties.bindAddress(), properties.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind exchange simulator to port " + properties.port(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        executor = Executors.newFixedThreadPool(properties.threads(), task -> {
            Thread thread = new Thread(task, "exchange-simulator-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        log.info("Exchange simulator serving Bybit, Binance, CoinGecko and Reddit at {}", baseUrl());
        return this;
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** The URL to configure as every adapter's base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
    public URI baseUrl() {
        String host = properties.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : properties.bindAddress();
        return URI.create("http://" + host + ":" + port());
    }

    public SimulatorFaults faults() {
        return faults;
    }

    /** Every instrument the simulated exchanges list, whatever its type or status (a collector keeps only some). */
    public Set<String> symbols() {
        return symbols;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            long receivedAt = wallClock.millis();
            ApiRequest request = ApiRequest.of(exchange.getRequestMethod(), exchange.getRequestURI());
            Optional<Api> api = Api.owning(request.path());
            ApiResponse response;
            try {
                response = api.isEmpty() ? ApiResponse.text(404, "Not Found") : respond(api.get(), request, receivedAt);
            } catch (RuntimeException e) {
                log.warn("Exchange simulator failed on {}", exchange.getRequestURI(), e);
                response = ApiResponse.text(500, "Internal Server Error");
            }
            requestLog.record(new RequestLog.Entry(Instant.ofEpochMilli(receivedAt), request.path(),
                    api.map(a -> a.subjectOf(request)).orElse(null), response.status(), request.params()));
            write(exchange, response);
        } catch (IOException e) {
            log.debug("Client went away before the response was written", e);
        }
    }

    private ApiResponse respond(Api api, ApiRequest request, long now) {
        TrafficPolicy policy = policies.get(api);
        Optional<ApiResponse> refusal = policy.admit(request, now);
        if (refusal.isPresent()) {
            return refusal.get().withDefaultHeaders(policy.rateHeaders(now));
        }
        pause(faults.latency());
        ResponseFault fault = faults.take(api, request.path(), api.subjectOf(request)).orElse(null);
        ApiResponse response;
        if (fault == null) {
            response = answer(api, request);
        } else {
            response = switch (fault.kind()) {
                case DELAY -> {
                    pause(fault.duration());
                    yield answer(api, request);
                }
                case MALFORMED_JSON -> answer(api, request).truncated();
                default -> policy.render(fault, now);
            };
        }
        return response.withDefaultHeaders(policy.rateHeaders(now));
    }

    private ApiResponse answer(Api api, ApiRequest request) {
        if (!request.method().equals("GET")) {
            return ApiResponse.text(405, "Method Not Allowed");
        }
        return handlers.get(api).handle(request);
    }

    private static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
