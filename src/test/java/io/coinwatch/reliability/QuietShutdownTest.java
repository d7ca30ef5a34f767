package io.coinwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.coinwatch.support.CoinwatchProcess;

/**
 * Ctrl-C (SIGTERM) on a process that is collecting, on its embedded PostgreSQL and broker: the routes, Quartz and the
 * consumers stop before the database and the broker they use, so the shutdown logs no ERROR and no stack trace.
 */
class QuietShutdownTest {

    private static final Pattern ERROR = Pattern.compile("\\bERROR\\b");
    private static final Pattern STACK_TRACE = Pattern.compile("^\\s+at [\\w$.]+\\(|^Caused by: |^[\\w.$]+(Exception|Error)(: |$)");

    @Test
    void sigtermWhileCollectingLogsNoErrorAndNoStackTrace() {
        String data = "target/processes/quiet-shutdown-data/";
        try (CoinwatchProcess app = new CoinwatchProcess("quiet-shutdown", Map.ofEntries(
                // The demo: the simulator stands in for the exchanges, discovery and backfill start on their own.
                Map.entry("spring.profiles.active", "demo"),
                Map.entry("coinwatch.infrastructure.prefer-local-services", "false"),
                Map.entry("coinwatch.embedded.postgres.data-dir", data + "postgres"),
                Map.entry("coinwatch.embedded.postgres.clean", "true"),
                Map.entry("coinwatch.embedded.broker.data-dir", data + "broker"),
                Map.entry("coinwatch.embedded.broker.clean", "true"),
                Map.entry("coinwatch.simulator.port", "0"),
                Map.entry("coinwatch.simulator.symbols", "6"),
                Map.entry("coinwatch.simulator.history-days", "20"),
                Map.entry("camel.main.routes-reload-enabled", "false")))) {
            // Generous: on a busy 2-core machine the demo took over two minutes to answer.
            app.start(Duration.ofSeconds(300));
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> app.api()
                    .getOk("/api/v1/market-data/backfill/status").path("overall").path("candlesWritten").asLong() > 0);

            long before = app.outputLength();
            app.terminate(Duration.ofSeconds(60));
            List<String> shutdown = app.outputSince(before).lines().toList();

            assertThat(shutdown).as("the shutdown's output").isNotEmpty()
                    .noneMatch(line -> ERROR.matcher(line).find())
                    .noneMatch(line -> STACK_TRACE.matcher(line).find());
        }
    }
}
