package io.coinwatch.reliability;

import static io.coinwatch.support.IsolatedDeployment.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;

import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchProcess;
import io.coinwatch.support.IsolatedDeployment;

/**
 * Two market-data processes, two gateways, a monitor and a fundamental-data process, each a separate OS process, on
 * one PostgreSQL and one broker, collecting from the simulator: the replicas share the backfills and fetch every page
 * once, Quartz fires each schedule once across them, a SIGKILLed replica's backfills are finished by the other, a
 * market.updated evicts the response cache of both gateways, the rate limit holds across both gateways, and the monitor
 * lists all six processes.
 */
class ReplicaDeploymentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KLINES = "/v5/market/kline";
    /** The two Quartz schedules the market-data replicas share in this test, with their period and offset. */
    private static final Map<String, long[]> SCHEDULES = Map.of("backfill-resume", new long[] {5_000, 0}, "gap-audit", new long[] {5_000, 2_000});
    private static final Duration START = Duration.ofSeconds(300);
    /** Requests a minute per client to /api/v1/fundamental/** on the gateways, shared by both. */
    private static final int FUNDAMENTAL_LIMIT = 10;
    /** The share of it a gateway takes from the shared bucket at once: batches of 5, so both gateways hand out tokens locally. */
    private static final double LOCAL_SHARE = 0.5;
    /** Six processes on two cores: small heaps, and C1 only, which starts them in far less CPU time. */
    private static final List<String> JVM = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    // The waits are long for a machine that other builds load twenty times over its two cores (start-ups of 2-3
    // minutes were seen); each returns as soon as its condition holds.
    @Test
    void sixProcessesShareTheWorkAndSurviveTheLossOfAMarketDataReplica() throws Exception {
        // 16 symbols of 6 pages each; 5 requests per 5 s and replica, so the backfill takes about 50 s with both, long
        // enough to watch the schedules while both run and to kill one in the middle.
        try (IsolatedDeployment deployment = new IsolatedDeployment(16, 20, 5)) {
            List<CoinwatchProcess> processes = new ArrayList<>();
            try {
                CoinwatchProcess md1 = marketData(deployment, "md-1", true);
                CoinwatchProcess md2 = marketData(deployment, "md-2", false);
                String marketDataUrls = "http://127.0.0.1:" + md1.port() + ",http://127.0.0.1:" + md2.port();
                CoinwatchProcess monitor = deployment.app("replicas-monitor-1", JVM, Map.of("coinwatch.roles", "monitor",
                        "coinwatch.instance-id", "monitor-1"));
                CoinwatchProcess fundamental = deployment.app("replicas-fundamental-1", JVM, Map.of("coinwatch.roles", "fundamental-data",
                        "coinwatch.instance-id", "fundamental-1", "coinwatch.fundamental.on-startup", "false",
                        "coinwatch.vendors.coingecko.base-url", deployment.simulator().baseUrl() + "/api/v3",
                        "coinwatch.vendors.reddit.base-url", deployment.simulator().baseUrl().toString()));
                CoinwatchProcess gw1 = gateway(deployment, "gw-1", marketDataUrls, monitor, fundamental);
                CoinwatchProcess gw2 = gateway(deployment, "gw-2", marketDataUrls, monitor, fundamental);
                processes.addAll(List.of(md1, md2, monitor, fundamental, gw1, gw2));
                // The market-data replicas last, together, so that both consume when discovery publishes the symbols.
                List.of(monitor, fundamental, gw1, gw2).forEach(CoinwatchProcess::launch);
                for (CoinwatchProcess p : List.of(monitor, fundamental, gw1, gw2)) {
                    p.awaitHealth(START);
                }
                md2.launch();
                md1.launch();
                md2.awaitHealth(START);
                md1.awaitHealth(START);

                // All six report to the monitor, and the API (through either gateway) lists them.
                await(Duration.ofSeconds(180), "all six processes listed by /system/services", () -> upInstances(gw1).size() == 6, monitor);
                assertThat(upInstances(gw2)).containsExactlyInAnyOrder("md-1", "md-2", "monitor-1", "fundamental-1", "gw-1", "gw-2");

                // Quartz: while both replicas run, each firing of a shared schedule runs on one of them.
                Map<String, JsonNode> before = marketDataStatuses(deployment);
                await(Duration.ofSeconds(240), "both replicas holding backfills", () -> runningOn(deployment, "md-1") > 0
                        && deployment.jdbc().queryForObject("SELECT count(*) FROM backfill_progress WHERE owner = 'md-2'", Integer.class) > 0, md1);
                await(Duration.ofSeconds(120), "a quartz window of 25 s", () -> windowMillis(before, marketDataStatuses(deployment)) >= 25_000, md1);
                Map<String, JsonNode> after = marketDataStatuses(deployment);
                for (Map.Entry<String, long[]> schedule : SCHEDULES.entrySet()) {
                    assertFiredOnceAcrossReplicas(schedule.getKey(), schedule.getValue(), before, after);
                }

                // SIGKILL md-1 while it holds backfills: md-2 takes them over once their lease runs out.
                await(Duration.ofSeconds(120), "md-1 holding a backfill under way", () -> runningOn(deployment, "md-1") > 0, md1);
                md1.kill();
                // Read after the kill, so a run md-1 started at the last moment counts too; md-2 takes none over for 30 s.
                List<String> heldByKilled = deployment.jdbc().queryForList("""
                        SELECT s.symbol FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id
                        WHERE p.owner = 'md-1' AND p.status = 'running'""", String.class);
                assertThat(heldByKilled).isNotEmpty();
                await(Duration.ofSeconds(300), "every backfill done by md-2", () -> deployment.unfinishedBackfills() == 0, md2);
                assertThat(deployment.jdbc().queryForList("""
                        SELECT s.symbol FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE p.owner = 'md-2'""", String.class))
                        .as("taken over by md-2").containsAll(heldByKilled);
                long candles = deployment.assertEveryCandleStoredOnce();

                // Every symbol backfilled once: each page of its range fetched once; a taken-over symbol again only from
                // its persisted progress, so only the pages in flight at the kill (at most the fetch pool, 16) and the
                // first unfinished page of each taken-over run are fetched again.
                Map<String, Long> pages = deployment.pagesPerSymbol();
                assertThat(pages).hasSize(16);
                Map<String, Long> again = deployment.klinePagesFetchedAgain();
                assertThat(again.keySet()).as("symbols with kline pages fetched again").isSubsetOf(heldByKilled);
                assertThat(again.values().stream().mapToLong(Long::longValue).sum()).as("kline pages fetched again: %s", again)
                        .isLessThanOrEqualTo(16 + 2L * heldByKilled.size());
                long requests = deployment.simulator().requestLog().count(KLINES);
                long pagesNeeded = pages.values().stream().mapToLong(Long::longValue).sum();

                // A market.updated reaches both gateways: each drops its cached answer for the symbol.
                String symbol = pages.keySet().iterator().next();
                String path = "/api/v1/market-data/klines/" + symbol + "?interval=5m&limit=10";
                for (CoinwatchProcess gateway : List.of(gw1, gw2)) {
                    cacheState(gateway, path);
                    assertThat(cacheState(gateway, path)).as(gateway.name()).isEqualTo("HIT");
                }
                publishMarketUpdated(deployment, symbol);
                for (CoinwatchProcess gateway : List.of(gw1, gw2)) {
                    await(Duration.ofSeconds(30), gateway.name() + " evicting " + symbol, () -> "MISS".equals(cacheState(gateway, path)), gateway);
                }
                // The rate limit holds across both gateways: their budgets are one (PostgreSQL), so the 200s summed over
                // both stay within the fundamental group's limit, where two limits of their own would allow twice it.
                // Each gateway takes its tokens LOCAL_SHARE of the limit at a time: never more than the limit passes,
                // and at most a batch - 1 per gateway goes unused (docs/security.md).
                int ok = 0;
                int limited = 0;
                for (int i = 0; i < 3 * FUNDAMENTAL_LIMIT; i++) {
                    int status = (i % 2 == 0 ? gw1 : gw2).api().send("GET", "/api/v1/fundamental/mapping").statusCode();
                    ok += status == 200 ? 1 : 0;
                    limited += status == 429 ? 1 : 0;
                }
                long batch = (long) (FUNDAMENTAL_LIMIT * LOCAL_SHARE);
                assertThat(ok).as("200s over both gateways").isBetween((int) (FUNDAMENTAL_LIMIT - 2 * (batch - 1)), FUNDAMENTAL_LIMIT);
                assertThat(ok + limited).as("answers 200 or 429").isEqualTo(3 * FUNDAMENTAL_LIMIT);
                System.out.printf("[replicas] rate limit across both gateways: %d x 200 and %d x 429 of %d requests (limit %d a minute)%n",
                        ok, limited, 3 * FUNDAMENTAL_LIMIT, FUNDAMENTAL_LIMIT);
                System.out.printf("[replicas] 6 processes; %d candles of 16 symbols, %d kline requests for %d pages; md-1 killed holding %s, "
                                + "finished by md-2; quartz fired once per schedule across replicas; cache evicted on both gateways%n",
                        candles, requests, pagesNeeded, heldByKilled);
            } finally {
                processes.forEach(CoinwatchProcess::close);
            }
        }
    }

    private static CoinwatchProcess marketData(IsolatedDeployment deployment, String id, boolean discovers) {
        Map<String, String> settings = new HashMap<>(Map.of("coinwatch.roles", "market-data", "coinwatch.instance-id", id,
                "coinwatch.market-data.backfill.concurrent-symbols", "8",
                // A symbol's lease is renewed by every page, one every 8 s here (8 symbols at 1 request/s).
                "coinwatch.market-data.backfill.stale-after", "30s",
                "coinwatch.market-data.backfill.resume-cron", "0/5 * * * * ?",
                "coinwatch.market-data.gap-audit.cron", "2/5 * * * * ?",
                // Discovery on one replica only: the other's would publish the symbols a second time.
                "coinwatch.market-data.discovery.on-startup", String.valueOf(discovers),
                "coinwatch.market-data.discovery.startup-delay-ms", "3000"));
        return deployment.app("replicas-" + id, JVM, settings);
    }

    private static CoinwatchProcess gateway(IsolatedDeployment deployment, String id, String marketDataUrls, CoinwatchProcess monitor,
                                            CoinwatchProcess fundamental) {
        return deployment.app("replicas-" + id, JVM, Map.of("coinwatch.roles", "gateway", "coinwatch.instance-id", id,
                "coinwatch.gateway.services.market-data.base-urls", marketDataUrls,
                "coinwatch.gateway.services.monitor.base-urls", "http://127.0.0.1:" + monitor.port(),
                "coinwatch.gateway.services.fundamental-data.base-urls", "http://127.0.0.1:" + fundamental.port(),
                // Long enough that only an eviction makes a cached answer go.
                "coinwatch.gateway.cache.ttl", "10m",
                "coinwatch.gateway.rate-limit.groups.fundamental", String.valueOf(FUNDAMENTAL_LIMIT),
                "coinwatch.gateway.rate-limit.local-share", String.valueOf(LOCAL_SHARE)));
    }

    private static List<String> upInstances(CoinwatchProcess gateway) {
        try {
            List<String> up = new ArrayList<>();
            ApiClient.json(gateway.api().send("GET", "/api/v1/system/services")).path("services").forEach(s -> {
                if ("UP".equals(s.path("status").asText())) {
                    up.add(s.path("instanceId").asText());
                }
            });
            return up;
        } catch (IllegalStateException | AssertionError e) {
            return List.of();
        }
    }

    private static int runningOn(IsolatedDeployment deployment, String owner) {
        return deployment.jdbc().queryForObject("""
                SELECT count(*) FROM backfill_progress WHERE owner = ? AND status = 'running' AND next_open_time > range_start""",
                Integer.class, owner);
    }

    /** The latest system.status of each market-data replica, as the monitor stored it. */
    private static Map<String, JsonNode> marketDataStatuses(IsolatedDeployment deployment) {
        Map<String, JsonNode> statuses = new LinkedHashMap<>();
        deployment.jdbc().query("SELECT instance_id, status::text FROM monitor_instance WHERE instance_id IN ('md-1', 'md-2')", rs -> {
            try {
                statuses.put(rs.getString(1), JSON.readTree(rs.getString(2)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return statuses;
    }

    /** When a status was taken, on its process's clock: start plus uptime. */
    private static long takenAt(JsonNode status) {
        return status.path("startedAt").asLong() + status.path("uptimeMs").asLong();
    }

    /** The time both replicas' status windows have in common. */
    private static long windowMillis(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        if (before.size() < 2 || after.size() < 2) {
            return 0;
        }
        long start = Math.max(takenAt(before.get("md-1")), takenAt(before.get("md-2")));
        long end = Math.min(takenAt(after.get("md-1")), takenAt(after.get("md-2")));
        return end - start;
    }

    /**
     * The route's runs, summed over both replicas between their two statuses, lie between the cron's firings that
     * surely completed in the time both windows share and those that may have completed in the time either covers,
     * a firing being up to one period late on six processes sharing two cores; replicas that each fired every
     * schedule would count at least twice the former.
     */
    private static void assertFiredOnceAcrossReplicas(String route, long[] cron, Map<String, JsonNode> before, Map<String, JsonNode> after) {
        long runs = 0;
        for (String replica : List.of("md-1", "md-2")) {
            runs += after.get(replica).path("routes").path(route).path("exchangesTotal").asLong()
                    - before.get(replica).path("routes").path(route).path("exchangesTotal").asLong();
        }
        long lateness = cron[0];
        long innerStart = Math.max(takenAt(before.get("md-1")), takenAt(before.get("md-2")));
        long innerEnd = Math.min(takenAt(after.get("md-1")), takenAt(after.get("md-2")));
        long outerStart = Math.min(takenAt(before.get("md-1")), takenAt(before.get("md-2")));
        long outerEnd = Math.max(takenAt(after.get("md-1")), takenAt(after.get("md-2")));
        long least = firings(cron, innerStart, innerEnd - lateness);
        long most = firings(cron, outerStart - lateness, outerEnd);
        System.out.printf("[replicas] %s ran %d times on both replicas; %d to %d firings of its schedule in the window%n", route, runs, least, most);
        assertThat(runs).as("%s runs on both replicas", route).isBetween(least, most);
        assertThat(runs).as("%s runs on both replicas: not one firing per replica", route).isLessThan(2 * least);
    }

    /** Firings of a cron every period ms at the offset within (from, to]. */
    private static long firings(long[] cron, long from, long to) {
        return Math.floorDiv(to - cron[1], cron[0]) - Math.floorDiv(from - cron[1], cron[0]);
    }

    private static String cacheState(CoinwatchProcess gateway, String path) {
        HttpResponse<String> response = gateway.api().send("GET", path);
        assertThat(response.statusCode()).as("%s %s: %s", gateway.name(), path, response.body()).isEqualTo(200);
        return response.headers().firstValue("X-Cache").orElse("none");
    }

    private static void publishMarketUpdated(IsolatedDeployment deployment, String symbol) throws Exception {
        String envelope = JSON.writeValueAsString(Map.of("id", UUID.randomUUID().toString(), "type", "market.updated", "version", 1,
                "source", "replica-test", "occurredAt", Instant.now().toString(),
                "data", Map.of("exchange", "bybit", "symbol", symbol, "interval", "5m", "reason", "test")));
        try (Connection connection = deployment.broker().connect(); Channel channel = connection.createChannel()) {
            channel.basicPublish("coinwatch.events", "market.updated", null, envelope.getBytes(StandardCharsets.UTF_8));
        }
    }
}
