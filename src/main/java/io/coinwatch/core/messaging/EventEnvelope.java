package io.coinwatch.core.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The message contract on coinwatch.events: every event travels in this envelope, and consumers are idempotent on id.
 */
public record EventEnvelope(UUID id, String type, int version, String source, Instant occurredAt, ObjectNode data) {

    public static final int CURRENT_VERSION = 1;
}
