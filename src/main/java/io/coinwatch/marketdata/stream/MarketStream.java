package io.coinwatch.marketdata.stream;

import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.coinwatch.core.messaging.EventEnvelope;
import io.coinwatch.core.model.Candle;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.api.ApiException;
import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.CandleStore;
import io.coinwatch.marketdata.IndicatorQuery;
import io.coinwatch.marketdata.KlineQuery;
import io.coinwatch.marketdata.MarketSymbol;
import io.coinwatch.marketdata.indicator.IndicatorRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The streams of this process. A market.updated reads the new candles once per symbol and interval that some stream
 * follows (and the latest indicator values once per indicator), then hands them to every such stream; each stream
 * keeps what is newer than its cursor. A (re)connecting stream replays from its cursor through the same path.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class MarketStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MarketStream.class);
    private static final int INDICATOR_WINDOW = 400;
    /** Buckets are aligned to Monday 2000-01-03 00:00 UTC, as the klines API's. */
    private static final long ORIGIN = Instant.parse("2000-01-03T00:00:00Z").toEpochMilli();

    private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final StreamProperties properties;
    private final KlineQuery klines;
    private final CandleStore store;
    private final IndicatorQuery indicators;
    private final ObjectMapper json;
    private final ExecutorService writers;
    private final MeterRegistry registry;
    private final Counter events;
    private volatile boolean running;

    public MarketStream(StreamProperties properties, KlineQuery klines, CandleStore store, IndicatorQuery indicators,
                        ObjectMapper mapper, MeterRegistry registry) {
        this.properties = properties;
        this.klines = klines;
        this.store = store;
        this.indicators = indicators;
        this.json = mapper.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        this.registry = registry;
        AtomicInteger threads = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(properties.writerThreads(), r -> {
            Thread t = new Thread(r, "stream-writer-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        registry.gauge("coinwatch.stream.clients", open);
        this.events = Counter.builder("coinwatch.stream.candles").description("Candle events queued to stream clients")
                .register(registry);
    }

    public int clientCount() {
        return open.get();
    }

    /**
     * Opens a stream: its cursors come from Last-Event-ID or, for a new stream, are the last complete buckets. The
     * stream first gets a ready event, then whatever is newer than its cursors (a reconnect's missed candles).
     *
     * @throws ApiException 503 when this process already serves max-clients streams
     */
    public SseEmitter open(StreamSubscription subscription, long[] lastEventCursors) {
        if (open.incrementAndGet() > properties.maxClients()) {
            open.decrementAndGet();
            throw new ApiException(503, "too_many_streams", "This instance already serves " + properties.maxClients()
                    + " streams; retry later or on another instance");
        }
        long[] cursors;
        try {
            cursors = lastEventCursors != null ? lastEventCursors : latestBuckets(subscription);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        SseEmitter emitter = new SseEmitter(0L);
        StreamClient[] self = new StreamClient[1];
        StreamClient client = new StreamClient(subscription, emitter, cursors, properties.bufferSize(), writers,
                reason -> closed(self[0], reason));
        self[0] = client;
        // Ended by the container (client gone, shutdown): the emitter is complete already.
        emitter.onCompletion(() -> client.closed("closed"));
        emitter.onTimeout(() -> client.closed("closed"));
        emitter.onError(e -> client.closed("gone"));
        clients.add(client);
        try {
            client.send("ready", ready(subscription));
            for (int i = 0; i < subscription.symbols().size(); i++) {
                MarketSymbol symbol = subscription.symbols().get(i);
                Long last = store.lastOpenTime(symbol.id());
                if (last != null) {
                    publish(symbol, subscription.interval(), List.of(client), client.cursor(i),
                            lastCompleteBucket(subscription.interval(), last));
                }
            }
        } catch (RuntimeException e) {
            client.closed("error");
            throw e;
        }
        return emitter;
    }

    /** market.updated: the symbol's 5m candles up to {@code to} are stored. */
    public void onMarketUpdated(EventEnvelope event) {
        String exchange = event.text("exchange");
        String symbol = event.text("symbol");
        long to = event.number("to", 0);
        Map<CandleInterval, List<StreamClient>> byInterval = new LinkedHashMap<>();
        MarketSymbol found = null;
        for (StreamClient client : clients) {
            int index = client.subscription().indexOf(exchange, symbol);
            if (index >= 0 && !client.isClosed()) {
                byInterval.computeIfAbsent(client.subscription().interval(), k -> new ArrayList<>()).add(client);
                found = client.subscription().symbols().get(index);
            }
        }
        for (Map.Entry<CandleInterval, List<StreamClient>> entry : byInterval.entrySet()) {
            MarketSymbol s = found;
            long oldest = entry.getValue().stream().mapToLong(c -> c.cursor(c.subscription().indexOf(exchange, s.symbol())))
                    .min().orElseThrow();
            publish(s, entry.getKey(), entry.getValue(), oldest, lastCompleteBucket(entry.getKey(), to));
        }
    }

    /** A comment line on every stream. */
    public void heartbeat() {
        clients.forEach(StreamClient::heartbeat);
    }

    /**
     * Reads the complete buckets after {@code after} up to {@code last} (at most replay-limit of them, the newest) and
     * the latest values of the indicators the clients follow, renders them once and gives them to each client.
     */
    private void publish(MarketSymbol symbol, CandleInterval interval, List<StreamClient> to, long after, long last) {
        long from = Math.max(after + interval.millis(), last - (properties.replayLimit() - 1L) * interval.millis());
        if (from > last) {
            return;
        }
        List<Candle> candles = klines.readRange(symbol.id(), interval, from, last);
        if (candles.isEmpty()) {
            return;
        }
        List<StreamClient.RenderedCandle> rendered = candles.stream()
                .map(c -> new StreamClient.RenderedCandle(c.openTime(), candleJson(symbol, interval, c))).toList();
        Map<String, String> indicatorJson = new HashMap<>();
        to.stream().flatMap(c -> c.subscription().indicators().values().stream()).distinct()
                .forEach(request -> indicatorJson.put(request.name(), indicatorJson(symbol, interval, request)));
        for (StreamClient client : to) {
            int index = client.subscription().indexOf(symbol.exchange(), symbol.symbol());
            List<String> wanted = client.subscription().indicators().keySet().stream()
                    .map(indicatorJson::get).filter(j -> j != null).toList();
            events.increment(client.deliver(index, rendered, wanted));
        }
    }

    private long[] latestBuckets(StreamSubscription subscription) {
        long[] cursors = new long[subscription.symbols().size()];
        for (int i = 0; i < cursors.length; i++) {
            Long last = store.lastOpenTime(subscription.symbols().get(i).id());
            cursors[i] = last == null ? 0 : lastCompleteBucket(subscription.interval(), last);
        }
        return cursors;
    }

    /** Open time of the last bucket of the interval that ends with the 5m candle opened at {@code last5m} or before. */
    static long lastCompleteBucket(CandleInterval interval, long last5m) {
        long end = last5m + CandleInterval.BASE_MILLIS;
        return Math.floorDiv(end - ORIGIN, interval.millis()) * interval.millis() + ORIGIN - interval.millis();
    }

    private void closed(StreamClient client, String reason) {
        if (clients.remove(client)) {
            open.decrementAndGet();
            registry.counter("coinwatch.stream.disconnects", "reason", reason).increment();
            if ("slow".equals(reason)) {
                log.info("Stream client disconnected: its buffer of {} events was full", properties.bufferSize());
            }
        }
    }

    private String ready(StreamSubscription s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exchange", s.exchange());
        data.put("symbols", s.symbols().stream().map(MarketSymbol::symbol).toList());
        data.put("interval", s.interval().code());
        data.put("indicators", List.copyOf(s.indicators().keySet()));
        data.put("heartbeatSeconds", properties.heartbeat().toSeconds());
        return write(data);
    }

    private String candleJson(MarketSymbol symbol, CandleInterval interval, Candle c) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exchange", symbol.exchange());
        data.put("symbol", symbol.symbol());
        data.put("interval", interval.code());
        data.put("openTime", c.openTime());
        data.put("open", c.open());
        data.put("high", c.high());
        data.put("low", c.low());
        data.put("close", c.close());
        data.put("volume", c.volume());
        data.put("turnover", c.turnover());
        return write(data);
    }

    private String indicatorJson(MarketSymbol symbol, CandleInterval interval, IndicatorRequest request) {
        Map<String, Object> latest = indicators.latest(symbol, interval, request, INDICATOR_WINDOW);
        if (latest == null) {
            return null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exchange", symbol.exchange());
        data.put("symbol", symbol.symbol());
        data.put("interval", interval.code());
        data.put("indicator", request.name());
        data.put("params", request.params());
        data.putAll(latest);
        return write(data);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown (a later phase), which would otherwise wait its
     * whole timeout for requests that never end. Clients reconnect elsewhere with their Last-Event-ID.
     */
    @Override
    public void stop() {
        running = false;
        clients.forEach(c -> c.close("shutdown"));
        writers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
