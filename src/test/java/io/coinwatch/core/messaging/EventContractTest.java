package io.coinwatch.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import io.coinwatch.support.EventContract;

/** The AsyncAPI check the pipeline tests apply to every event: it accepts a good one and names what is wrong with a bad one. */
class EventContractTest {

    private final EventContract contract = new EventContract();

    private static Message message(String type, String id, String data, boolean properties) {
        String body = """
                {"id":"%s","type":"%s","version":1,"source":"market-data@test","occurredAt":"2026-12-04T10:00:00Z","data":%s}"""
                .formatted(id, type, data);
        MessageProperties props = new MessageProperties();
        props.setReceivedRoutingKey(type);
        if (properties) {
            props.setMessageId(id);
            props.setType(type);
            props.setContentType("application/json");
            props.setTimestamp(new Date());
        }
        return new Message(body.getBytes(StandardCharsets.UTF_8), props);
    }

    @Test
    void everyEventTypeOfTheCodeIsInTheDocument() {
        assertThat(contract.types()).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }

    @Test
    void aMarketUpdatedWithItsPropertiesKeepsTheContract() {
        String data = """
                {"exchange":"bybit","symbol":"BTCUSDT","interval":"5m","from":1,"to":2,"candles":2,"reason":"sync"}""";
        assertThat(contract.violations(message("market.updated", UUID.randomUUID().toString(), data, true))).isEmpty();
    }

    @Test
    void aWrongPayloadOrMissingPropertiesAreNamed() {
        String data = """
                {"exchange":"bybit","symbol":"BTCUSDT","interval":"5m","from":"yesterday","to":2,"candles":2,"reason":"sync"}""";
        assertThat(contract.violations(message("market.updated", UUID.randomUUID().toString(), data, true)))
                .singleElement().asString().contains("from");
        String good = """
                {"exchange":"bybit","symbol":"BTCUSDT","reason":"requested"}""";
        assertThat(contract.violations(message("market.backfill.requested", UUID.randomUUID().toString(), good, false)))
                .anyMatch(p -> p.contains("message-id")).anyMatch(p -> p.contains("AMQP type"))
                .anyMatch(p -> p.contains("content-type")).anyMatch(p -> p.contains("timestamp"));
    }
}
