import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A short text summary of a JFR recording over a time window, for bench/*.sh PROFILE=1: the raw output keeps this, not
 * the recording (megabytes). Run with the JDK's source launcher (reading the file with the JFR API takes seconds;
 * `jfr print --json` took minutes of a busy machine's CPU):
 * <pre>java bench/src/JfrSummary.java &lt;recording.jfr&gt; &lt;window start&gt; &lt;window end&gt; [thread prefix]</pre>
 * The window: two UTC instants (ISO, e.g. 2026-12-04T20:25:57Z); only events inside it count. Prints the JVM's share of
 * the machine's CPU (jdk.CPULoad), the execution samples by thread, the top frames (self) and the project's top frames
 * (inclusive), and where the threads named with the prefix (default kline-fetch) waited: parked, in Object.wait or
 * reading a socket (the events of 10-20 ms and more that the profile settings record), by the first frame of the
 * project, Camel, pgjdbc, HikariCP, the HTTP client or an idle pool on the stack.
 */
public final class JfrSummary {

    private static final int TOP = 20;
    private static final Pattern SITE = Pattern.compile(
            "^(io\\.coinwatch|org\\.apache\\.camel|org\\.postgresql|org\\.apache\\.hc|com\\.zaxxer|java\\.util\\.concurrent\\.ThreadPoolExecutor\\.getTask).*");

    public static void main(String[] args) throws IOException {
        Instant start = Instant.parse(args[1]);
        Instant end = Instant.parse(args[2]);
        String prefix = args.length > 3 ? args[3] : "kline-fetch";
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0])).stream()
                .filter(e -> !e.getStartTime().isBefore(start) && !e.getStartTime().isAfter(end)).toList();

        System.out.printf("JFR %s, window %s - %s (%.1f s)%n", Path.of(args[0]).getFileName(), start, end,
                Duration.between(start, end).toMillis() / 1000.0);
        List<RecordedEvent> load = of(events, "jdk.CPULoad");
        if (!load.isEmpty()) {
            double jvm = load.stream().mapToDouble(e -> e.getFloat("jvmUser") + e.getFloat("jvmSystem")).average().orElse(0);
            double machine = load.stream().mapToDouble(e -> e.getFloat("machineTotal")).average().orElse(0);
            System.out.printf("CPU (jdk.CPULoad, mean of %d): this JVM %.0f%% of the machine, the machine %.0f%% busy%n",
                    load.size(), jvm * 100, machine * 100);
        }

        List<RecordedEvent> samples = of(events, "jdk.ExecutionSample");
        double n = Math.max(1, samples.size());
        System.out.printf("%nexecution samples: %d; by thread:", samples.size());
        top(count(samples, e -> List.of(thread(e, "sampledThread"))), 6)
                .forEach(c -> System.out.printf(" %s %.0f%%,", c.getKey(), c.getValue() * 100 / n));
        System.out.printf("%n%ntop frames (self):%n");
        top(count(samples, e -> frames(e).stream().limit(1).toList()), TOP)
                .forEach(c -> System.out.printf("%5.1f%% %s%n", c.getValue() * 100 / n, c.getKey()));
        System.out.printf("%nproject frames (inclusive):%n");
        top(count(samples, e -> frames(e).stream().filter(f -> f.startsWith("io.coinwatch") && !f.contains("$$"))
                .distinct().toList()), TOP)
                .forEach(c -> System.out.printf("%5.1f%% %s%n", c.getValue() * 100 / n, c.getKey()));

        for (String[] kind : new String[][] {{"jdk.ThreadPark", "parked"}, {"jdk.JavaMonitorWait", "in Object.wait"},
                {"jdk.SocketRead", "reading a socket"}}) {
            Map<String, Double> seconds = new HashMap<>();
            Map<String, Integer> times = new HashMap<>();
            for (RecordedEvent e : of(events, kind[0])) {
                if (!thread(e, "eventThread").startsWith(prefix)) {
                    continue;
                }
                List<String> frames = frames(e);
                String site = frames.stream().filter(f -> SITE.matcher(f).matches()).findFirst()
                        .orElse(frames.isEmpty() ? "?" : frames.get(0));
                seconds.merge(site, e.getDuration().toNanos() / 1e9, Double::sum);
                times.merge(site, 1, Integer::sum);
            }
            System.out.printf("%n%s threads %s: %.1f s in all%n", prefix, kind[1],
                    seconds.values().stream().mapToDouble(Double::doubleValue).sum());
            seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .forEach(s -> System.out.printf("%8.1f s %6d x %s%n", s.getValue(), times.get(s.getKey()), s.getKey()));
        }
    }

    private static List<RecordedEvent> of(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    private static String thread(RecordedEvent e, String field) {
        RecordedThread t = e.hasField(field) ? e.getThread(field) : null;
        String name = t == null ? "?" : t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return name == null ? "?" : name.replaceAll("[-# ]*\\d+$", "");
    }

    private static List<String> frames(RecordedEvent e) {
        return e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames().stream().filter(RecordedFrame::isJavaFrame)
                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList();
    }

    private static Map<String, Integer> count(List<RecordedEvent> events, Function<RecordedEvent, List<String>> keys) {
        Map<String, Integer> counts = new HashMap<>();
        for (RecordedEvent e : events) {
            Set<String> seen = new HashSet<>(keys.apply(e));
            seen.forEach(k -> counts.merge(k, 1, Integer::sum));
        }
        return counts;
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder()))).limit(limit).toList();
    }
}
