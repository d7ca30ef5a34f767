import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP load generator at a constant rate, as wrk2 (not packaged for Debian) and pgbench -R measure:
 * requests are due on a fixed schedule, each latency is taken from the request's SCHEDULED time to the last byte of
 * its answer, so a slow answer that delays the next requests counts against the server (no coordinated omission).
 *
 * <p>{@code connections} workers share one schedule: a worker takes the next due slot, waits for its time, sends and
 * reads the answer; when every worker is busy, the due requests wait and that wait is part of their latency. This is
 * what pgbench -R does with its clients, so both sides of bench/gateway-latency.sh get the same concurrency.
 * Arrivals are Poisson by default (pgbench -R's schedule) or evenly spaced (wrk2's); rate 0 runs closed-loop (each
 * worker sends as soon as its previous answer is read).
 *
 * <p>Run with the JDK's source launcher (Java 17+):
 * {@code java bench/src/ConstantRateLoad.java --urls FILE --rate 500 --duration 30 [--warmup 5] [--connections 16]
 * [--arrivals poisson|uniform] [--timeout-ms 10000]}. The URLs are used in the file's order, cycling. Prints one
 * {@code key value} line per figure: count, errors, seconds, rate, p50_ms, p90_ms, p99_ms, p999_ms, max_ms.
 */
public final class ConstantRateLoad {

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        List<URI> urls = Files.readAllLines(settings.urls).stream().map(String::strip).filter(line -> !line.isEmpty())
                .map(URI::create).toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no URL in " + settings.urls);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        if (settings.warmupSeconds > 0) {
            new Run(settings, settings.warmupSeconds, client, urls).execute();
        }
        Run run = new Run(settings, settings.durationSeconds, client, urls);
        run.execute();
        run.report();
    }

    /** One timed run: the schedule, the workers and what they recorded. */
    private static final class Run {

        private final Settings settings;
        private final HttpClient client;
        private final List<URI> urls;
        private final long[] dueNanos;
        private final long[] latencyNanos;
        private final AtomicLong nextSlot = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong done = new AtomicLong();
        private final long startNanos;
        private final long endNanos;
        private volatile long lastAnswerNanos;

        Run(Settings settings, int seconds, HttpClient client, List<URI> urls) {
            this.settings = settings;
            this.client = client;
            this.urls = urls;
            this.startNanos = System.nanoTime() + 50_000_000L;
            this.endNanos = startNanos + seconds * 1_000_000_000L;
            int slots = settings.rate > 0 ? (int) Math.ceil(settings.rate * seconds * 1.2) + 1000 : 5_000_000;
            this.dueNanos = settings.rate > 0 ? schedule(settings, slots) : null;
            this.latencyNanos = new long[slots];
        }

        /** Due times (offsets from the start) of every slot: Poisson (exponential gaps) or evenly spaced. */
        private static long[] schedule(Settings settings, int slots) {
            long[] due = new long[slots];
            Random random = new Random(settings.seed);
            double meanGap = 1e9 / settings.rate;
            double at = 0;
            for (int i = 0; i < slots; i++) {
                due[i] = (long) at;
                at += settings.poisson ? -Math.log(1 - random.nextDouble()) * meanGap : meanGap;
            }
            return due;
        }

        void execute() throws InterruptedException {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < settings.connections; i++) {
                Thread worker = new Thread(this::work, "load-" + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }

        private void work() {
            while (true) {
                long slot = nextSlot.getAndIncrement();
                if (slot >= latencyNanos.length) {
                    return;
                }
                long due = dueNanos != null ? startNanos + dueNanos[(int) slot] : System.nanoTime();
                if (due >= endNanos) {
                    return;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                URI uri = urls.get((int) (slot % urls.size()));
                boolean ok;
                try {
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofMillis(settings.timeoutMillis)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    ok = response.statusCode() / 100 == 2;
                } catch (IOException e) {
                    ok = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long now = System.nanoTime();
                lastAnswerNanos = Math.max(lastAnswerNanos, now);
                latencyNanos[(int) slot] = now - due;
                done.incrementAndGet();
                if (!ok) {
                    errors.incrementAndGet();
                }
            }
        }

        void report() {
            int count = (int) done.get();
            long[] sorted = Arrays.copyOf(latencyNanos, (int) Math.min(nextSlot.get(), latencyNanos.length));
            // Slots taken but never sent (past the end) hold 0: only the answered ones count.
            sorted = Arrays.stream(sorted).filter(nanos -> nanos > 0).sorted().toArray();
            double seconds = Math.max(endNanos, lastAnswerNanos) - startNanos;
            seconds /= 1e9;
            System.out.printf("mode %s%n", settings.rate > 0
                    ? (settings.poisson ? "poisson" : "uniform") + " arrivals at " + settings.rate + "/s" : "closed-loop");
            System.out.printf("connections %d%n", settings.connections);
            System.out.printf("count %d%n", count);
            System.out.printf("errors %d%n", errors.get());
            System.out.printf("seconds %.3f%n", seconds);
            System.out.printf("rate %.1f%n", count / seconds);
            for (String[] percentile : new String[][] {{"p50_ms", "50"}, {"p90_ms", "90"}, {"p99_ms", "99"},
                    {"p999_ms", "99.9"}, {"max_ms", "100"}}) {
                System.out.printf("%s %.3f%n", percentile[0], percentileMillis(sorted, Double.parseDouble(percentile[1])));
            }
        }

        /** Nearest-rank percentile, as bench/gateway-latency.sh computes pgbench's. */
        private static double percentileMillis(long[] sorted, double percent) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percent / 100 * sorted.length);
            return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1e6;
        }
    }

    private record Settings(Path urls, double rate, int durationSeconds, int warmupSeconds, int connections,
                            boolean poisson, int timeoutMillis, long seed) {

        static Settings parse(String[] args) {
            Path urls = null;
            double rate = 100;
            int duration = 30;
            int warmup = 0;
            int connections = 16;
            boolean poisson = true;
            int timeout = 10_000;
            long seed = 1;
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--urls" -> urls = Path.of(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--duration" -> duration = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--arrivals" -> poisson = switch (value) {
                        case "poisson" -> true;
                        case "uniform" -> false;
                        default -> throw new IllegalArgumentException("--arrivals poisson|uniform, got " + value);
                    };
                    case "--timeout-ms" -> timeout = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (urls == null || args.length % 2 != 0) {
                throw new IllegalArgumentException("usage: --urls FILE [--rate N] [--duration S] [--warmup S] "
                        + "[--connections N] [--arrivals poisson|uniform] [--timeout-ms N] [--seed N]");
            }
            return new Settings(urls, rate, duration, warmup, connections, poisson, timeout, seed);
        }
    }
}
