package io.coinwatch.reliability;

import static io.coinwatch.support.IsolatedDeployment.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.coinwatch.support.CoinwatchProcess;
import io.coinwatch.support.IsolatedDeployment;

/**
 * The broker goes away for 30 s in the middle of a backfill and comes back: every event published reaches every
 * queue that wants it and is processed there once, the consumers resume, no backfill runs twice, and the candles
 * end up complete.
 */
class BrokerOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    /** Consumer queues of the roles the process runs, and the routing keys each is bound to (config/application.yaml). */
    private static final Map<String, List<String>> QUEUES = Map.of(
            "market-data.backfill", List.of("symbol.added", "market.backfill.requested"),
            "market-data.indicators", List.of("market.updated"),
            "gateway.cache", List.of("market.updated"),
            "monitor.events", List.of("system.status", "system.error", "system.alert", "market.gap.detected"));

    @Test
    void noEventIsLostOrProcessedTwiceAndTheBackfillCompletes() throws Exception {
        try (IsolatedDeployment deployment = new IsolatedDeployment(12, 20, 10);
             CoinwatchProcess app = deployment.app("broker-outage")) {
            app.start(Duration.ofSeconds(120));
            await(Duration.ofSeconds(90), "the first finished backfill", () -> {
                int unfinished = deployment.unfinishedBackfills();
                return unfinished >= 0 && unfinished < activeSymbols(deployment);
            }, app);
            assertThat(deployment.unfinishedBackfills()).as("the outage starts mid-backfill").isPositive();

            Instant down = Instant.now();
            deployment.broker().stop();
            await(Duration.ofSeconds(20), "health to report the broker down", () -> brokerStatus(app).equals("DOWN"), app);
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.between(down, Instant.now()).toMillis()));
            assertThat(app.isAlive()).isTrue();
            deployment.broker().start();

            await(Duration.ofSeconds(30), "health to report the broker up", () -> brokerStatus(app).equals("UP"), app);
            await(Duration.ofSeconds(180), "every backfill to finish", () -> deployment.unfinishedBackfills() == 0, app);
            await(Duration.ofSeconds(30), "the outbox to drain", () -> outboxPending(deployment) == 0, app);

            long candles = deployment.assertEveryCandleStoredOnce();
            // Each symbol was backfilled once: exactly its pages were requested, none again.
            Map<String, Long> pages = deployment.pagesPerSymbol();
            pages.forEach((symbol, expected) -> assertThat(deployment.simulator().requestLog().count("/v5/market/kline", symbol))
                    .as("kline requests for %s", symbol).isEqualTo(expected));

            List<JsonNode> published = deployment.drainPublishedEvents();
            Set<String> expectedKeys = new HashSet<>();
            for (JsonNode event : published) {
                QUEUES.forEach((queue, keys) -> {
                    if (keys.contains(event.path("type").asText())) {
                        expectedKeys.add(queue + ":" + event.path("id").asText());
                    }
                });
            }
            Map<String, Long> byType = published.stream().collect(Collectors.groupingBy(e -> e.path("type").asText(), Collectors.counting()));
            assertThat(byType.get("symbol.added")).as("events by type: %s", byType).isEqualTo((long) activeSymbols(deployment));
            assertThat(byType.get("market.updated")).as("one market.updated per finished backfill").isEqualTo((long) pages.size());
            await(Duration.ofSeconds(60), "every published event to be processed by every queue bound to it",
                    () -> processed(deployment).containsAll(expectedKeys), app);
            assertThat(deployment.jdbc().queryForObject("SELECT count(*) FROM parked_message", Long.class)).as("parked").isZero();

            System.out.printf("[broker-outage] outage %d s; %d candles in %d symbols complete; %d events published, %d deliveries "
                    + "checked processed once per queue; %d kline requests (= pages)%n", OUTAGE.toSeconds(), candles, pages.size(),
                    published.size(), expectedKeys.size(), pages.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    private static int activeSymbols(IsolatedDeployment deployment) {
        return deployment.jdbc().queryForObject("SELECT count(*) FROM symbol WHERE active", Integer.class);
    }

    private static long outboxPending(IsolatedDeployment deployment) {
        return deployment.jdbc().queryForObject("SELECT count(*) FROM event_outbox", Long.class);
    }

    private static Set<String> processed(IsolatedDeployment deployment) {
        return new HashSet<>(deployment.jdbc().queryForList("SELECT messageid FROM camel_messageprocessed", String.class));
    }

    private static String brokerStatus(CoinwatchProcess app) {
        try {
            return app.api().send("GET", "/api/v1/system/health").body().replaceAll("(?s).*\"broker\":\\{\"status\":\"(\\w+)\".*", "$1");
        } catch (IllegalStateException e) {
            return "unanswered";
        }
    }
}
