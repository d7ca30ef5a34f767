package io.coinwatch.reliability;

import static io.coinwatch.support.IsolatedDeployment.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coinwatch.support.CoinwatchProcess;
import io.coinwatch.support.IsolatedDeployment;

/**
 * Backfill throughput with one and with two market-data replicas (bench/replicas.sh; not part of ./mvnw verify, whose
 * test classes end in Test): each run is a fresh deployment of its own (PostgreSQL, broker, simulator) with the
 * market-data processes as separate OS processes, an exchange budget far above what they can send, and the same
 * symbols; candles/s is every candle written over the time from the first backfill's start to the last one's end
 * (backfill_progress). Settings: system properties bench.symbols [16], bench.days [60], bench.heap [256m].
 */
class ReplicaBackfillBenchmark {

    private static final int SYMBOLS = Integer.getInteger("bench.symbols", 16);
    private static final int DAYS = Integer.getInteger("bench.days", 60);
    private static final String HEAP = System.getProperty("bench.heap", "256m");
    /** Requests per 5 s and process: not the bottleneck (the simulator answers a page in about a millisecond). */
    private static final int BUDGET = 100_000;

    @Test
    void backfillCandlesPerSecondWithOneAndTwoReplicas() throws Exception {
        Map<Integer, double[]> results = new HashMap<>();
        for (int replicas : List.of(1, 2)) {
            results.put(replicas, run(replicas));
        }
        System.out.printf("[replicas-bench] %d symbols x %d days, heap %s, budget %d requests/5 s per replica%n", SYMBOLS, DAYS, HEAP, BUDGET);
        for (int replicas : List.of(1, 2)) {
            double[] r = results.get(replicas);
            System.out.printf("[replicas-bench] replicas %d: %.0f candles in %.1f s = %.0f candles/s%n", replicas, r[0], r[1], r[0] / r[1]);
        }
        System.out.printf("[replicas-bench] speed-up with two replicas: %.2fx%n",
                (results.get(2)[0] / results.get(2)[1]) / (results.get(1)[0] / results.get(1)[1]));
    }

    /** Candles written and seconds from the first backfill's start to the last one's end. */
    private static double[] run(int replicas) throws Exception {
        try (IsolatedDeployment deployment = new IsolatedDeployment(SYMBOLS, DAYS, BUDGET)) {
            List<CoinwatchProcess> processes = new ArrayList<>();
            try {
                for (int i = replicas; i >= 1; i--) {
                    Map<String, String> settings = new HashMap<>(Map.of("coinwatch.roles", "market-data",
                            "coinwatch.instance-id", "bench-md-" + i,
                            // Discovery on the last replica started only, once every replica consumes.
                            "coinwatch.market-data.discovery.on-startup", String.valueOf(i == 1),
                            "coinwatch.market-data.discovery.startup-delay-ms", "2000",
                            "coinwatch.market-data.backfill.resume-cron", "0 0 0 1 1 ? 2099",
                            "coinwatch.market-data.gap-audit.cron", "0 0 0 1 1 ? 2099"));
                    CoinwatchProcess process = deployment.app("bench-replicas-" + replicas + "-md-" + i, List.of("-Xmx" + HEAP, "-XX:+UseSerialGC"), settings);
                    processes.add(process);
                    process.start(Duration.ofSeconds(240));
                }
                await(Duration.ofMinutes(20), "every backfill done", () -> deployment.unfinishedBackfills() == 0, processes.get(0));
                Map<String, Object> r = deployment.jdbc().queryForMap("""
                        SELECT sum(candles_written) AS candles, extract(epoch FROM max(finished_at) - min(started_at)) AS seconds,
                               count(DISTINCT owner) AS owners FROM backfill_progress""");
                assertThat(((Number) r.get("owners")).intValue()).as("replicas that ran backfills").isEqualTo(replicas);
                return new double[] {((Number) r.get("candles")).doubleValue(), ((Number) r.get("seconds")).doubleValue()};
            } finally {
                processes.forEach(CoinwatchProcess::close);
            }
        }
    }
}
