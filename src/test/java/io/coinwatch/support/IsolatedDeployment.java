package io.coinwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.zaxxer.hikari.HikariDataSource;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.infrastructure.PrivateAmqpBroker;
import io.coinwatch.core.infrastructure.PrivatePostgres;
import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.PageRequest;
import io.coinwatch.simulator.RequestLog;
import io.coinwatch.simulator.SimulatorProperties;
import io.coinwatch.simulator.SimulatorServer;

/**
 * A deployment of the test's own, for fault tests: a PostgreSQL server, an AMQP broker and the exchange simulator
 * that the test starts, stops and restarts, and the application as a separate process collecting from the simulator
 * into them. A probe queue bound to every routing key sees each event the application publishes.
 */
public final class IsolatedDeployment implements AutoCloseable {

    private static final String EXCHANGE = "coinwatch.events";
    private static final String PROBE_QUEUE = "test.fault-probe";
    private static final String KLINES = "/v5/market/kline";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivatePostgres database = new PrivatePostgres();
    private final PrivateAmqpBroker broker = new PrivateAmqpBroker();
    private final SimulatorServer simulator;
    private final Map<String, String> appSettings = new HashMap<>();
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;

    /**
     * @param symbols     simulated USDT perpetuals
     * @param historyDays their history
     * @param budget      exchange requests the application may send per 5 s, which paces the backfill
     */
    public IsolatedDeployment(int symbols, int historyDays, int budget) throws Exception {
        database.start();
        broker.start();
        simulator = new SimulatorServer(SimulatorProperties.of(Map.of("symbols", symbols, "history-days", historyDays)),
                Clock.systemUTC(), Clock.systemUTC()).start();
        declareProbe();
        appSettings.putAll(Map.ofEntries(
                Map.entry("spring.datasource.url", database.jdbcUrl()),
                Map.entry("spring.datasource.username", "postgres"),
                Map.entry("spring.datasource.hikari.maximum-pool-size", "10"),
                Map.entry("spring.rabbitmq.host", "127.0.0.1"),
                Map.entry("spring.rabbitmq.port", String.valueOf(broker.port())),
                Map.entry("spring.rabbitmq.username", "guest"),
                Map.entry("spring.rabbitmq.password", "guest"),
                Map.entry("coinwatch.roles", "market-data,monitor,gateway"),
                // Only the exchange the simulator stands in for: Bybit's route file, not Binance's.
                Map.entry("coinwatch.sources.route-files", "file:routes/bybit.yaml"),
                Map.entry("coinwatch.exchanges.bybit.base-url", simulator.baseUrl().toString()),
                Map.entry("coinwatch.exchanges.bybit.budget", String.valueOf(budget)),
                Map.entry("coinwatch.exchanges.bybit.budget-window", "5s"),
                Map.entry("coinwatch.market-data.discovery.startup-delay-ms", "1000"),
                Map.entry("coinwatch.market-data.discovery.cron", "0 0 0 1 1 ? 2099"),
                Map.entry("coinwatch.market-data.sync.cron", "0 0 0 1 1 ? 2099"),
                Map.entry("coinwatch.market-data.backfill.resume-delay-ms", "3000"),
                Map.entry("coinwatch.market-data.backfill.resume-cron", "0/10 * * * * ?"),
                Map.entry("coinwatch.market-data.backfill.stale-after", "15s"),
                Map.entry("coinwatch.market-data.gap-audit.cron", "5/15 * * * * ?"),
                // No fundamental-data role in these deployments: nothing to enrich symbols with.
                Map.entry("coinwatch.market-data.enrichment.enabled", "false"),
                Map.entry("coinwatch.market-data.http.retry-delay-ms", "200"),
                Map.entry("coinwatch.messaging.consumer.redelivery-delay-ms", "200"),
                Map.entry("coinwatch.monitor.status-interval", "2s")));
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername("postgres");
        dataSource.setConnectionTimeout(2000);
        dataSource.setValidationTimeout(1000);
        dataSource.setMaximumPoolSize(2);
        dataSource.setMinimumIdle(0);
        jdbc = new JdbcTemplate(dataSource);
    }

    public CoinwatchProcess app(String name) {
        return new CoinwatchProcess(name, appSettings);
    }

    /** A process with these settings on top of the deployment's (its roles, say) and JVM options of its own. */
    public CoinwatchProcess app(String name, List<String> jvmOptions, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(appSettings);
        settings.putAll(overrides);
        return new CoinwatchProcess(name, settings, jvmOptions);
    }

    public PrivatePostgres database() {
        return database;
    }

    public PrivateAmqpBroker broker() {
        return broker;
    }

    public SimulatorServer simulator() {
        return simulator;
    }

    /** The test's own view of the database (fails while it is down). */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Active symbols whose backfill is not done yet, or -1 while the database cannot be asked. */
    public int unfinishedBackfills() {
        try {
            Integer symbols = jdbc.queryForObject("SELECT count(*) FROM symbol WHERE active", Integer.class);
            Integer notDone = jdbc.queryForObject("""
                    SELECT count(*) FROM symbol s LEFT JOIN backfill_progress p ON p.symbol_id = s.id
                    WHERE s.active AND (p.status IS NULL OR p.status <> 'done')""", Integer.class);
            return symbols == null || symbols == 0 ? -1 : notDone;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public long storedCandles() {
        try {
            return jdbc.queryForObject("SELECT count(*) FROM candle", Long.class);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Every active symbol holds exactly the candles of its range, from its launch to where its backfill ended, with
     * none missing; returns how many candles that is in all.
     */
    public long assertEveryCandleStoredOnce() {
        long total = 0;
        List<Map<String, Object>> symbols = jdbc.queryForList("""
                SELECT s.id, s.symbol, s.launch_time, p.range_start, p.range_end FROM symbol s JOIN backfill_progress p ON p.symbol_id = s.id
                WHERE s.active ORDER BY s.id""");
        assertThat(symbols).isNotEmpty();
        for (Map<String, Object> s : symbols) {
            long start = ((Timestamp) s.get("range_start")).getTime();
            long end = ((Timestamp) s.get("range_end")).getTime();
            assertThat(start).as("range start of %s", s.get("symbol")).isEqualTo(CandleInterval.alignUp(((Timestamp) s.get("launch_time")).getTime()));
            long expected = (end - start) / CandleInterval.BASE_MILLIS + 1;
            Long missing = jdbc.queryForObject("""
                    SELECT count(*) FROM generate_series(?::timestamptz, ?::timestamptz, interval '5 minutes') g(t)
                    WHERE NOT EXISTS (SELECT 1 FROM candle c WHERE c.symbol_id = ? AND c.interval_minutes = 5 AND c.open_time = g.t)""",
                    Long.class, s.get("range_start"), s.get("range_end"), s.get("id"));
            Long stored = jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ? AND open_time BETWEEN ? AND ?",
                    Long.class, s.get("id"), s.get("range_start"), s.get("range_end"));
            assertThat(missing).as("candles missing for %s", s.get("symbol")).isZero();
            assertThat(stored).as("candles of %s", s.get("symbol")).isEqualTo(expected);
            total += stored;
        }
        return total;
    }

    /** Pages (requests) a backfill of the whole range of every active symbol takes, by symbol. */
    public Map<String, Long> pagesPerSymbol() {
        Map<String, Long> pages = new HashMap<>();
        jdbc.query("SELECT s.symbol, p.range_start, p.range_end FROM symbol s JOIN backfill_progress p ON p.symbol_id = s.id WHERE s.active",
                rs -> {
                    long candles = (rs.getTimestamp(3).getTime() - rs.getTimestamp(2).getTime()) / CandleInterval.BASE_MILLIS + 1;
                    pages.put(rs.getString(1), (candles + PageRequest.MAX_CANDLES - 1) / PageRequest.MAX_CANDLES);
                });
        return pages;
    }

    /**
     * Kline pages the exchange answered more than once, by symbol. A page is a symbol and a start: when a later request
     * meets a new 5m candle (a backfill that crosses a 5-minute boundary) the range grows by a new page, not a repeat.
     */
    public Map<String, Long> klinePagesFetchedAgain() {
        List<RequestLog.Entry> entries = simulator.requestLog().entries();
        assertThat(entries).as("every request kept by the simulator's log").hasSize((int) simulator.requestLog().total());
        Map<String, Long> again = new HashMap<>();
        Set<String> fetched = new HashSet<>();
        for (RequestLog.Entry e : entries) {
            if (e.path().equals(KLINES) && e.status() == 200 && !fetched.add(e.subject() + "@" + e.params().get("start"))) {
                again.merge(e.subject(), 1L, Long::sum);
            }
        }
        return again;
    }

    /**
     * Work queues of the roles the process runs and the routing keys each is bound to (config/application.yaml); the
     * broadcast subscription gateway.cache keeps no idempotency record to check.
     */
    private static final Map<String, List<String>> QUEUES = Map.of(
            "market-data.backfill", List.of("market.backfill.requested"),
            "market-data.enrichment", List.of("symbol.added", "fundamental.updated"),
            "market-data.indicators", List.of("market.updated"),
            "monitor.events", List.of("system.status", "system.error", "system.alert", "market.gap.detected"));

    /**
     * What {@link #assertEveryEventProcessedOncePerQueue} saw: messages published (a re-sent event counts twice),
     * distinct event ids by type, (queue, event) pairs processed, and the distinct events themselves.
     */
    public record EventCheck(int published, Map<String, Long> byType, int deliveries, List<JsonNode> events) {

        public List<JsonNode> ofType(String type) {
            return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
        }
    }

    /**
     * Every event published so far (as the probe queue saw it) was processed by every consumer queue bound to it,
     * once: the idempotent consumers record each (queue, event id) they process, and the records must cover them all.
     */
    public EventCheck assertEveryEventProcessedOncePerQueue(CoinwatchProcess app) throws Exception {
        List<JsonNode> published = drainPublishedEvents();
        Set<String> expected = new HashSet<>();
        for (JsonNode event : published) {
            QUEUES.forEach((queue, keys) -> {
                if (keys.contains(event.path("type").asText())) {
                    expected.add(queue + ":" + event.path("id").asText());
                }
            });
        }
        await(Duration.ofSeconds(60), "every published event to be processed by every queue bound to it", () -> {
            Set<String> processed = new HashSet<>(jdbc.queryForList("SELECT messageid FROM camel_messageprocessed", String.class));
            return processed.containsAll(expected);
        }, app);
        Map<String, JsonNode> distinct = new LinkedHashMap<>();
        published.forEach(e -> distinct.putIfAbsent(e.path("id").asText(), e));
        Map<String, Long> distinctByType = distinct.values().stream()
                .collect(Collectors.groupingBy(e -> e.path("type").asText(), Collectors.counting()));
        return new EventCheck(published.size(), distinctByType, expected.size(), List.copyOf(distinct.values()));
    }

    /** The events published so far, taken off the probe queue: envelopes as JSON, duplicates included. */
    private List<JsonNode> drainPublishedEvents() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
            GetResponse message;
            while ((message = channel.basicGet(PROBE_QUEUE, true)) != null) {
                events.add(JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8)));
            }
        }
        return events;
    }

    private void declareProbe() throws Exception {
        try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(EXCHANGE, "topic", true);
            channel.queueDeclare(PROBE_QUEUE, true, false, false, null);
            channel.queueBind(PROBE_QUEUE, EXCHANGE, "#");
        }
    }

    @Override
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
        simulator.close();
        broker.close();
        database.close();
    }

    /** Awaits the condition, polling every half second; a timeout fails with the application's log attached. */
    public static void await(Duration timeout, String what, BooleanSupplier condition, CoinwatchProcess app) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; application log:\n" + app.logTail(), e);
        }
    }
}
