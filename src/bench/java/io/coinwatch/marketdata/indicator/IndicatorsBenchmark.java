package io.coinwatch.marketdata.indicator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wall time of the eight indicators at their API defaults over one year of 5-minute candles (105,120), beside
 * ta4j (the version bench/indicators.sh puts on the class path, system property ta4j.version) with DoubleNum
 * computing the same eight over the same series in the same JVM and run (and the same without the stochastic,
 * ta4j's slowest). Every side is warmed the same way (the same number of warm-up rounds over the same series), then
 * the measured rounds alternate between the sides, so all see the same JIT and GC state. Prints median and p95;
 * exits with status 1 when the target is missed: our p95 under 0.3 s and our median below ta4j's.
 *
 * <p>Not a unit test and not compiled by Maven: ta4j 0.24 is compiled for Java 25, the project builds for Java 17.
 * bench/indicators.sh compiles and runs it. Arguments, all optional: [warm-up rounds] [measured rounds]
 * [--coinwatch-only]; defaults 10 and 30, for every side. --coinwatch-only skips ta4j, for the project's own Java 17
 * runtime.
 */
public final class IndicatorsBenchmark {

    private static final int CANDLES = 365 * 288;
    private static final double TARGET_SECONDS = 0.3;

    private IndicatorsBenchmark() {
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean withTa4j = !arguments.remove("--coinwatch-only");
        int[] rounds = {10, 30};
        for (int i = 0; i < arguments.size(); i++) {
            rounds[i] = Integer.parseInt(arguments.get(i));
        }
        PriceSeries series = SyntheticSeries.randomWalk(42, CANDLES, 30_000);
        List<Indicator> ours = IndicatorRequest.NAMES.stream()
                .map(name -> IndicatorRequest.of(name, Map.of()).indicator())
                .toList();

        System.out.printf("Indicators benchmark: %,d synthetic 5m candles (one year); %s at API defaults%n",
                CANDLES, String.join(", ", IndicatorRequest.NAMES));
        System.out.printf("JVM %s (%s), %d processors, max heap %,d MB%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        String ta4jName = "ta4j " + System.getProperty("ta4j.version", "?") + " DoubleNum";
        Contender coinwatch = new Contender("coinwatch", rounds[0], rounds[1], () -> computeOurs(series, ours));
        List<Contender> contenders = new ArrayList<>(List.of(coinwatch));
        if (withTa4j) {
            long start = System.nanoTime();
            Ta4jIndicators ta4j = Ta4jIndicators.over(series);
            System.out.printf("ta4j series built in %.3f s (not timed below)%n", (System.nanoTime() - start) / 1e9);
            contenders.add(new Contender(ta4jName, rounds[0], rounds[1], ta4j::computeAll));
            contenders.add(new Contender("  same, without stoch", rounds[0], rounds[1], ta4j::computeAllButStochastic));
        }

        contenders.forEach(Contender::warmUp);
        int measuredRounds = contenders.stream().mapToInt(contender -> contender.measuredRounds).max().orElse(0);
        for (int round = 0; round < measuredRounds; round++) {
            for (Contender contender : contenders) {
                contender.measure(round);
            }
        }

        System.out.printf("%-22s %7s %7s %10s %10s %14s %14s%n", "", "warm-up", "rounds", "median", "p95",
                "values", "values/s");
        contenders.forEach(Contender::print);
        boolean met = coinwatch.seconds(95) < TARGET_SECONDS;
        if (withTa4j) {
            Contender ta4j = contenders.get(1);
            System.out.printf("ta4j / coinwatch (median): %.0fx; without stoch: %.0fx%n",
                    ta4j.seconds(50) / coinwatch.seconds(50), contenders.get(2).seconds(50) / coinwatch.seconds(50));
            met &= coinwatch.seconds(50) < ta4j.seconds(50);
        }
        System.out.printf("target: coinwatch p95 < %.1f s%s: %s%n", TARGET_SECONDS,
                withTa4j ? " and faster than ta4j" : "", met ? "MET" : "MISSED");
        if (!met) {
            System.exit(1);
        }
    }

    /** All eight; reads each latest row as the app will, and returns the number of (defined) values computed. */
    private static long computeOurs(PriceSeries series, List<Indicator> ours) {
        long values = 0;
        for (Indicator indicator : ours) {
            IndicatorValues result = indicator.compute(series);
            List<Map<String, Object>> rows = result.rowsFrom(Long.MIN_VALUE);
            if (rows.get(rows.size() - 1).size() != result.fields().size() + 1) {
                throw new IllegalStateException("incomplete row");
            }
            values += (long) result.size() * result.fields().size();
        }
        return values;
    }

    /** One side of the comparison and its measured wall times. */
    private static final class Contender {

        private final String name;
        private final int warmUpRounds;
        private final int measuredRounds;
        private final LongSupplier work;
        private final long[] nanos;
        private long values;

        Contender(String name, int warmUpRounds, int measuredRounds, LongSupplier work) {
            this.name = name;
            this.warmUpRounds = warmUpRounds;
            this.measuredRounds = measuredRounds;
            this.work = work;
            this.nanos = new long[measuredRounds];
        }

        void warmUp() {
            for (int round = 0; round < warmUpRounds; round++) {
                values = work.getAsLong();
            }
        }

        /** Times one round after a full GC, so no side pays for the other's garbage. */
        void measure(int round) {
            if (round >= measuredRounds) {
                return;
            }
            System.gc();
            long start = System.nanoTime();
            values = work.getAsLong();
            nanos[round] = System.nanoTime() - start;
        }

        /** Nearest-rank percentile of the measured rounds, in seconds. */
        double seconds(int percent) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e9;
        }

        void print() {
            System.out.printf("%-22s %7d %7d %8.4f s %8.4f s %,14d %,14.0f%n", name, warmUpRounds, measuredRounds,
                    seconds(50), seconds(95), values, values / seconds(50));
        }
    }
}
