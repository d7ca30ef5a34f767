package io.coinwatch.reliability;

import static io.coinwatch.support.IsolatedDeployment.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.coinwatch.support.CoinwatchProcess;
import io.coinwatch.support.IsolatedDeployment;

/**
 * The broker goes away for 30 s in the middle of a backfill and comes back: every event published reaches every
 * queue that wants it and is processed there once, the consumers resume, no backfill runs twice, and the candles
 * end up complete.
 */
class BrokerOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

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
            await(Duration.ofSeconds(20), "health to report the broker down", () -> app.healthOf("broker").equals("DOWN"), app);
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.between(down, Instant.now()).toMillis()));
            assertThat(app.isAlive()).isTrue();
            deployment.broker().start();

            await(Duration.ofSeconds(30), "health to report the broker up", () -> app.healthOf("broker").equals("UP"), app);
            await(Duration.ofSeconds(180), "every backfill to finish", () -> deployment.unfinishedBackfills() == 0, app);
            await(Duration.ofSeconds(30), "the outbox to drain", () -> outboxPending(deployment) == 0, app);

            long candles = deployment.assertEveryCandleStoredOnce();
            // Each symbol was backfilled once: no page was fetched again. (A request that meets a new 5m candle after
            // its symbol's backfill finished fetches that one new page, and publishes one more market.updated.)
            Map<String, Long> pages = deployment.pagesPerSymbol();
            assertThat(deployment.klinePagesFetchedAgain()).as("kline pages fetched again, by symbol").isEmpty();

            IsolatedDeployment.EventCheck events = deployment.assertEveryEventProcessedOncePerQueue(app);
            assertThat(events.byType().get("symbol.added")).as("events by type: %s", events.byType()).isEqualTo((long) activeSymbols(deployment));
            // A market.updated for every finished backfill, none for the same range twice.
            List<JsonNode> updated = events.ofType("market.updated").stream().map(e -> e.path("data")).toList();
            assertThat(updated).extracting(d -> d.path("symbol").asText() + " from " + d.path("from").asLong()).doesNotHaveDuplicates();
            assertThat(updated.stream().map(d -> d.path("symbol").asText()).distinct()).containsExactlyInAnyOrderElementsOf(pages.keySet());
            assertThat(deployment.jdbc().queryForObject("SELECT count(*) FROM parked_message", Long.class)).as("parked").isZero();

            System.out.printf("[broker-outage] outage %d s; %d candles in %d symbols complete; %d events published, %d deliveries "
                    + "checked processed once per queue; %d kline requests for %d pages, none fetched twice%n", OUTAGE.toSeconds(),
                    candles, pages.size(), events.published(), events.deliveries(),
                    deployment.simulator().requestLog().count("/v5/market/kline"), pages.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    private static int activeSymbols(IsolatedDeployment deployment) {
        return deployment.jdbc().queryForObject("SELECT count(*) FROM symbol WHERE active", Integer.class);
    }

    private static long outboxPending(IsolatedDeployment deployment) {
        return deployment.jdbc().queryForObject("SELECT count(*) FROM event_outbox", Long.class);
    }
}
