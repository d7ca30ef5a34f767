package io.coinwatch.simulator;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a standalone process for scripts and benchmarks, without the application around it.
 *
 * <p>Settings are the {@link SimulatorProperties} names, given as arguments without the prefix
 * ({@code --port=9200 --symbols=600 --history-days=30 --replay-dir=data/replay --seed=7
 * --faults.latency=250ms}) or as system properties with it ({@code -Dcoinwatch.simulator.port=9200}); arguments win.
 * Runs until the process is stopped.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorServer server = new SimulatorServer(SimulatorProperties.of(settings(args)), Clock.systemUTC(), Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "exchange-simulator-shutdown"));
        new CountDownLatch(1).await();
    }

    static Map<String, String> settings(String[] args) {
        Map<String, String> settings = new HashMap<>();
        String prefix = SimulatorProperties.PREFIX + ".";
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(prefix))
                .forEach(name -> settings.put(name.substring(prefix.length()), System.getProperty(name)));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got: " + arg);
            }
            settings.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return settings;
    }
}
