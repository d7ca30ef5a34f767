-- Rate limits and login throttling shared by every replica (Bucket4j's PostgreSQL proxy manager, select for update).
-- One row per client and purpose (rate:<client>|<group>, login:<address>); expires_at (epoch ms) lets the purge delete
-- buckets that have refilled, so the table holds only the clients of the current window.
CREATE TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_bucket_expires_idx ON rate_limit_bucket (expires_at);

-- Who did which write operation, from where, on what, and how it ended; kept for coinwatch.security.audit.retention.
CREATE TABLE audit_log (
    id          bigserial   PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    username    text        NOT NULL,
    client      text        NOT NULL,
    operation   text        NOT NULL,
    target      text        NOT NULL,
    outcome     text        NOT NULL
);
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at);
