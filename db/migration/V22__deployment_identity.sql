-- The database's identity, made once with it: every process reports it (hashed) in its system.status, so the monitor
-- sees a replica that was started against another database instead of counting it silently as a peer.
CREATE TABLE deployment_identity (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO deployment_identity DEFAULT VALUES;
