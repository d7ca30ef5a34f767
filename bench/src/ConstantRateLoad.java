import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Each worker owns one keep-alive HTTP/1.1 connection on a plain blocking socket and reads each answer to its last
 * byte (Content-Length or chunked). The JDK's HttpClient is not used: its one selector thread handles every
 * connection's bytes and, on 2 cores, capped this generator near 300 answers/s of 100 KB where wrk reached 545.
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
        if (settings.warmupSeconds > 0) {
            new Run(settings, settings.warmupSeconds, urls).execute();
        }
        Run run = new Run(settings, settings.durationSeconds, urls);
        run.execute();
        run.report();
    }

    /** One timed run: the schedule, the workers and what they recorded. */
    private static final class Run {

        private final Settings settings;
        private final List<URI> urls;
        private final long[] dueNanos;
        private final long[] latencyNanos;
        private final AtomicLong nextSlot = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong done = new AtomicLong();
        private final long startNanos;
        private final long endNanos;
        private volatile long lastAnswerNanos;

        Run(Settings settings, int seconds, List<URI> urls) {
            this.settings = settings;
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
            Connection connection = new Connection(settings.timeoutMillis);
            try {
                work(connection);
            } finally {
                connection.close();
            }
        }

        private void work(Connection connection) {
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
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                boolean ok = connection.get(uri);
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

    /**
     * One keep-alive HTTP/1.1 connection: GET, then the status and the whole body, reconnecting after an error or a
     * "Connection: close". A failed request counts as an error and is not retried.
     */
    private static final class Connection {

        private final int timeoutMillis;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(int timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        /** Sends the GET and reads the answer to its end; true for a 2xx status. */
        boolean get(URI uri) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
                    socket.setSoTimeout(timeoutMillis);
                    in = new BufferedInputStream(socket.getInputStream(), 65_536);
                    out = socket.getOutputStream();
                }
                String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
                out.write(("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = line();
                long length = -1;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    String name = header.substring(0, Math.max(0, header.indexOf(':'))).trim().toLowerCase();
                    String value = header.substring(header.indexOf(':') + 1).trim().toLowerCase();
                    switch (name) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.contains("chunked");
                        case "connection" -> close = value.contains("close");
                        default -> { }
                    }
                }
                if (chunked) {
                    for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                            size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                        skip(size);
                        line();
                    }
                    while (!line().isEmpty()) {
                        // trailers
                    }
                } else if (length >= 0) {
                    skip(length);
                } else {
                    close = true;
                    while (in.read() >= 0) {
                        // body up to the end of the connection
                    }
                }
                if (close) {
                    close();
                }
                return status.length() > 9 && status.charAt(9) == '2';
            } catch (IOException | RuntimeException e) {
                close();
                return false;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed in a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing a broken connection
            }
            socket = null;
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
