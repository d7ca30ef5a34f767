-- Transactional outbox: events are written in the same transaction as the data they describe and relayed to the
-- broker with publisher confirms, so a broker outage delays events but never loses them.
CREATE TABLE event_outbox (
    id            bigserial PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    routing_key   text        NOT NULL,
    payload       text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    claimed_until timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);

-- Messages a consumer could not process after its retries, or that failed validation: listed and replayable.
CREATE TABLE parked_message (
    id           bigserial PRIMARY KEY,
    queue        text        NOT NULL,
    routing_key  text,
    payload      text        NOT NULL,
    reason       text        NOT NULL,
    error_class  text,
    parked_at    timestamptz NOT NULL DEFAULT now(),
    replayed_at  timestamptz
);
CREATE INDEX parked_message_open_idx ON parked_message (parked_at) WHERE replayed_at IS NULL;

-- Camel's JdbcMessageIdRepository table: consumers are idempotent on the envelope id.
CREATE TABLE camel_messageprocessed (
    processorname varchar(255) NOT NULL,
    messageid     varchar(100) NOT NULL,
    createdat     timestamp    NOT NULL DEFAULT now(),
    PRIMARY KEY (processorname, messageid)
);
