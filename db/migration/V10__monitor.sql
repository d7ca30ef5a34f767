-- What the monitor role stores from the monitor.events queue, kept for coinwatch.monitor.retention (7 days by default).

-- Every event consumed (system.status, system.error, system.alert, market.gap.detected, fundamental.updated) with its
-- envelope data as sent. received_at is the monitor's clock: silence and rates are judged on one clock, whatever the
-- publishers' clocks say.
CREATE TABLE monitor_event (
    id          bigserial PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    type        text        NOT NULL,
    source      text        NOT NULL,
    instance_id text,                              -- the publishing process, for system.status and system.error
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    data        jsonb       NOT NULL
);
CREATE INDEX monitor_event_type_idx ON monitor_event (type, received_at);
CREATE INDEX monitor_event_received_idx ON monitor_event (received_at);

-- The latest status of every process, so listing services and judging silence never scans the event history.
CREATE TABLE monitor_instance (
    instance_id text        PRIMARY KEY,
    source      text        NOT NULL,
    occurred_at timestamptz NOT NULL,                -- when the latest status was taken, on the publisher's clock
    first_seen  timestamptz NOT NULL DEFAULT now(),
    last_seen   timestamptz NOT NULL DEFAULT now(),
    status      jsonb       NOT NULL
);

-- Alerts raised by the alert-evaluation route; an alert is resolved, never deleted, until retention removes it.
CREATE TABLE monitor_alert (
    id          bigserial PRIMARY KEY,
    kind        text        NOT NULL,
    subject     text        NOT NULL,
    message     text        NOT NULL,
    details     jsonb       NOT NULL DEFAULT '{}',
    raised_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
);
-- One open alert per kind and subject, even when several monitor replicas evaluate at the same moment.
CREATE UNIQUE INDEX monitor_alert_open_uidx ON monitor_alert (kind, subject) WHERE resolved_at IS NULL;
CREATE INDEX monitor_alert_resolved_idx ON monitor_alert (resolved_at) WHERE resolved_at IS NOT NULL;
