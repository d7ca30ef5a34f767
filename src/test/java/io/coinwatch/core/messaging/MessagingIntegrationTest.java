package io.coinwatch.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.camel.CamelContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.TestSymbols;

/** The messaging core through a real broker: outbox, confirms, validation, idempotency, retries and parking. */
@CoinwatchIntegrationTest
class MessagingIntegrationTest {

    @Autowired EventOutbox outbox;
    @Autowired EnvelopeCodec codec;
    @Autowired ProbeConsumer probe;
    @Autowired RabbitTemplate rabbit;
    @Autowired AmqpAdmin admin;
    @Autowired JdbcTemplate jdbc;
    @Autowired ParkedMessages parked;
    @Autowired MessagingProperties queues;
    @Autowired CamelContext camel;
    @Autowired BroadcastQueues broadcast;

    @BeforeEach
    void reset() {
        probe.processed.clear();
        probe.poisonAttempts.set(0);
    }

    @Test
    void anEventPublishedThroughTheOutboxIsConfirmedAndConsumedOnAnotherRoute() {
        EventEnvelope sent = outbox.publish(EventTypes.SYSTEM_ALERT, Map.of("n", 1));

        await().atMost(Duration.ofSeconds(15)).until(() -> probe.processed.stream().anyMatch(e -> e.id().equals(sent.id())));
        EventEnvelope received = probe.processed.stream().filter(e -> e.id().equals(sent.id())).findFirst().orElseThrow();
        assertThat(received.type()).isEqualTo("system.alert");
        assertThat(received.version()).isEqualTo(1);
        assertThat(received.data().get("n").asInt()).isEqualTo(1);
        // The row is deleted only after the broker confirmed the publish.
        await().atMost(Duration.ofSeconds(5)).until(() -> outboxRows(sent) == 0);
    }

    @Test
    void aDuplicateEnvelopeIdIsProcessedOnce() {
        EventEnvelope envelope = codec.envelope(EventTypes.SYSTEM_ALERT, "test", Map.of("n", 2));
        String json = codec.write(envelope);
        rabbit.convertAndSend("", "test.probe", json);
        rabbit.convertAndSend("", "test.probe", json);
        EventEnvelope marker = codec.envelope(EventTypes.SYSTEM_ALERT, "test", Map.of("n", 3));
        rabbit.convertAndSend("", "test.probe", codec.write(marker));

        // The marker was sent after both copies on one queue with one consumer, so both copies were handled by then.
        await().atMost(Duration.ofSeconds(15)).until(() -> probe.processed.stream().anyMatch(e -> e.id().equals(marker.id())));
        assertThat(probe.processed.stream().filter(e -> e.id().equals(envelope.id())).count()).isEqualTo(1);
    }

    @Test
    void consumersThatHoldTheirThreadAllRunAtOnce() {
        try {
            for (int i = 0; i < ProbeConsumer.HOLDERS; i++) {
                rabbit.convertAndSend("", "test.hold", codec.write(codec.envelope(EventTypes.SYSTEM_ALERT, "test", Map.of("n", i))));
            }
            // With the client's default dispatch pool (2 threads per core, shared by every queue) at most that many ran.
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.holding.get() == ProbeConsumer.HOLDERS);
        } finally {
            probe.release.countDown();
        }
    }

    @Test
    void aPoisonMessageIsRetriedThenParkedWithItsErrorAndCanBeReplayed() {
        EventEnvelope poison = outbox.publish(EventTypes.SYSTEM_ALERT, Map.of("n", 4, "poison", true));

        ParkedMessages.Parked row = awaitParked(poison.id().toString());
        assertThat(probe.poisonAttempts.get()).isEqualTo(4); // the first try and 3 redeliveries
        assertThat(row.reason()).contains("poison event 4");
        assertThat(row.errorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(row.queue()).isEqualTo("test.probe");

        // The consumer goes on with the next message.
        EventEnvelope next = outbox.publish(EventTypes.SYSTEM_ALERT, Map.of("n", 5));
        await().atMost(Duration.ofSeconds(15)).until(() -> probe.processed.stream().anyMatch(e -> e.id().equals(next.id())));

        // Replay sends it back; it fails again the same way, which proves it was processed again, not skipped as a duplicate.
        int attemptsBefore = probe.poisonAttempts.get();
        assertThat(parked.replay(row.id())).isPresent();
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.poisonAttempts.get() == attemptsBefore + 4);
        assertThat(parked.replay(row.id())).isEmpty();
    }

    @Test
    void anInvalidEnvelopeIsParkedAtOnceWithTheReason() {
        rabbit.convertAndSend("", "test.probe", "{\"id\":\"not-a-uuid\",\"type\":\"system.alert\"}");
        rabbit.convertAndSend("", "test.probe", "this is not json");
        String unknownType = codec.write(codec.envelope(EventTypes.SYSTEM_ALERT, "test", Map.of())).replace("system.alert", "bogus.type");
        rabbit.convertAndSend("", "test.probe", unknownType);

        await().atMost(Duration.ofSeconds(15)).until(() -> parkedReasons().containsAll(List.of(
                "id is not a UUID: not-a-uuid", "unknown event type 'bogus.type'")) && parkedReasons().stream().anyMatch(r -> r.startsWith("not JSON")));
        assertThat(probe.poisonAttempts.get()).isZero();
    }

    /**
     * One queue's messages: envelopes of the invalid type around each invalid data (JSON), then a valid event, and the
     * route that consumes them.
     */
    private record QueueCase(String queue, String routeId, String invalidType, List<String> invalidData, String validType,
                             Map<String, Object> validData) {
    }

    @Test
    void invalidEnvelopesAndPayloadsOnEveryQueueAreParkedWithTheReasonAndTheConsumerGoesOn() {
        // Launching tomorrow: a backfill request for it has nothing to fetch, so no exchange is called.
        int symbolId = TestSymbols.ensure(jdbc, "MSGTEST", System.currentTimeMillis() + Duration.ofDays(1).toMillis());
        jdbc.update("UPDATE symbol SET active = true, delisted_at = NULL WHERE id = ?", symbolId);
        jdbc.update("DELETE FROM backfill_progress WHERE symbol_id = ?", symbolId);
        Map<String, Object> symbol = Map.of("exchange", "bybit", "symbol", "MSGTESTUSDT", "baseAsset", "MSGTEST");
        List<QueueCase> cases = List.of(
                new QueueCase("market-data.backfill", "kline-backfill-consumer", EventTypes.MARKET_BACKFILL_REQUESTED, List.of("{}",
                        "{\"symbol\":42}", "{\"symbol\":\"MSGTESTUSDT\",\"exchange\":[\"bybit\"]}", "{\"symbol\":\"NOPEUSDT\"}"),
                        EventTypes.MARKET_BACKFILL_REQUESTED, symbol),
                new QueueCase("market-data.enrichment", "symbol-enrichment-consumer", EventTypes.SYMBOL_ADDED, List.of("{}",
                        "{\"exchange\":5}"), EventTypes.SYMBOL_ADDED, symbol),
                new QueueCase("market-data.indicators", "indicator-calculation", EventTypes.MARKET_UPDATED, List.of("{}",
                        "{\"symbol\":{\"a\":1}}", "{\"symbol\":\"MSGTESTUSDT\",\"from\":\"yesterday\"}"), EventTypes.MARKET_UPDATED, symbol),
                new QueueCase("fundamental-data.symbols", "fundamental-symbols-consumer", EventTypes.SYMBOL_ADDED, List.of("{}",
                        "{\"exchange\":\"bybit\",\"symbol\":7}"), EventTypes.SYMBOL_UPDATED, symbol),
                new QueueCase("monitor.events", "monitor-events", EventTypes.SYSTEM_STATUS, List.of("{}", "{\"instanceId\":5}",
                        "{\"instanceId\":[]}"), EventTypes.SYSTEM_ALERT, Map.of("kind", "messaging-test")),
                new QueueCase(broadcast.queueName("gateway.cache"), "gateway-cache-eviction", EventTypes.MARKET_UPDATED,
                        List.of("{}", "{\"symbol\":true}"), EventTypes.MARKET_UPDATED, symbol));
        List<String> declared = new java.util.ArrayList<>(queues.queues().keySet());
        declared.addAll(broadcast.declared().keySet());
        assertThat(cases).extracting(QueueCase::queue).containsExactlyInAnyOrderElementsOf(declared.stream()
                .filter(q -> !q.startsWith("test.")).toList());

        try {
            sendAndCheck(cases, symbolId);
        } finally {
            // Delisted, so the market-data tests that check every active symbol's backfill leave it alone.
            jdbc.update("UPDATE symbol SET active = false, delisted_at = now() WHERE id = ?", symbolId);
        }
    }

    private void sendAndCheck(List<QueueCase> cases, int symbolId) {
        Map<String, EventEnvelope> valid = new java.util.LinkedHashMap<>();
        int invalid = 0;
        for (QueueCase c : cases) {
            String marker = UUID.randomUUID().toString();
            List<String> messages = new java.util.ArrayList<>(List.of(
                    "not json " + marker,
                    "{\"id\":\"" + marker + "-x\",\"type\":\"system.alert\"}",
                    envelope("bogus.type", "{\"m\":\"" + marker + "\"}", 1),
                    envelope("system.alert", "{\"m\":\"" + marker + "\"}", 2),
                    envelope("system.alert", "[\"" + marker + "\"]", 1)));
            c.invalidData().forEach(data -> messages.add(payload(c.invalidType(), data).replace("\"MARKER\"", "\"" + marker + "\"")));
            messages.forEach(m -> rabbit.convertAndSend("", c.queue(), m));
            invalid += messages.size();
            EventEnvelope next = codec.envelope(c.validType(), "messaging-test", c.validData());
            rabbit.convertAndSend("", c.queue(), codec.write(next));
            valid.put(c.queue(), next);

            await().atMost(Duration.ofSeconds(20)).until(() -> parkedWith(c.queue(), marker).size() == messages.size());
            List<String> reasons = parkedWith(c.queue(), marker);
            System.out.println("Parked on " + c.queue() + ": " + reasons);
            assertThat(reasons).as(c.queue()).allMatch(r -> !r.isBlank() && !r.equals("unknown"));
        }
        // Every consumer went on: the valid message sent after the invalid ones was processed, not parked. A broadcast
        // consumer keeps no idempotency record: there the queue is drained and nothing is in flight.
        for (QueueCase c : cases) {
            EventEnvelope next = valid.get(c.queue());
            boolean once = queues.queues().containsKey(c.queue());
            await().atMost(Duration.ofSeconds(20)).until(() -> (once ? jdbc.queryForObject(
                    "SELECT count(*) FROM camel_messageprocessed WHERE messageid = ?", Integer.class, c.queue() + ":" + next.id()) == 1
                    : queueDepth(c.queue()) == 0) && camel.getInflightRepository().size(c.routeId()) == 0);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM parked_message WHERE payload LIKE ?", Integer.class, "%" + next.id() + "%"))
                    .as(c.queue()).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT status FROM backfill_progress WHERE symbol_id = ?", String.class, symbolId)).isEqualTo("done");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM monitor_event WHERE event_id = ?", Integer.class,
                valid.get("monitor.events").id())).isEqualTo(1);
        System.out.println("Messaging: " + invalid + " invalid messages parked on " + cases.size() + " queues, every consumer went on");
    }

    /** A valid envelope around this data (JSON), with a MARKER field the test replaces to find it again. */
    private String payload(String type, String data) {
        String marked = data.equals("{}") ? "{\"marker\":\"MARKER\"}" : data.substring(0, data.length() - 1) + ",\"marker\":\"MARKER\"}";
        return envelope(type, marked, 1);
    }

    private String envelope(String type, String data, int version) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"version\":" + version
                + ",\"source\":\"messaging-test\",\"occurredAt\":\"" + java.time.Instant.now() + "\",\"data\":" + data + "}";
    }

    private long queueDepth(String queue) {
        Properties p = admin.getQueueProperties(queue);
        return p == null ? -1 : ((Number) p.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
    }

    private List<String> parkedWith(String queue, String marker) {
        return jdbc.queryForList("SELECT reason FROM parked_message WHERE queue = ? AND payload LIKE ?", String.class, queue, "%" + marker + "%");
    }

    private List<String> parkedReasons() {
        return jdbc.queryForList("SELECT reason FROM parked_message WHERE queue = 'test.probe'", String.class);
    }

    private ParkedMessages.Parked awaitParked(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> parked.list(false, 100).stream().anyMatch(p -> p.payload().contains(eventId)));
        return parked.list(false, 100).stream().filter(p -> p.payload().contains(eventId)).findFirst().orElseThrow();
    }

    private int outboxRows(EventEnvelope envelope) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE event_id = ?", Integer.class, envelope.id());
        return n == null ? 0 : n;
    }
}
