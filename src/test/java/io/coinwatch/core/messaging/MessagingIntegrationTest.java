package io.coinwatch.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.support.CoinwatchIntegrationTest;

/** The messaging core through a real broker: outbox, confirms, validation, idempotency, retries and parking. */
@CoinwatchIntegrationTest
@Import(ProbeConsumer.class)
class MessagingIntegrationTest {

    @Autowired EventOutbox outbox;
    @Autowired EnvelopeCodec codec;
    @Autowired ProbeConsumer probe;
    @Autowired RabbitTemplate rabbit;
    @Autowired JdbcTemplate jdbc;
    @Autowired ParkedMessages parked;

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
