package io.coinwatch.core.messaging;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.InstanceIdentity;

/**
 * The only way routes publish events: the envelope is written to the outbox table, in the caller's transaction when
 * there is one, and the outbox-relay route sends it with publisher confirms. A broker outage therefore delays
 * events but never loses them.
 */
@Component
public class EventOutbox {

    private final JdbcTemplate jdbc;
    private final EnvelopeCodec codec;
    private final InstanceIdentity identity;

    public EventOutbox(JdbcTemplate jdbc, EnvelopeCodec codec, InstanceIdentity identity) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.identity = identity;
    }

    public EventEnvelope publish(String type, Object data) {
        EventEnvelope envelope = codec.envelope(type, identity.source(), data);
        jdbc.update("INSERT INTO event_outbox (event_id, routing_key, payload) VALUES (?, ?, ?)",
                envelope.id(), envelope.type(), codec.write(envelope));
        return envelope;
    }
}
