-- Import of the Python Coinwatch's database (issue 17): persisted progress, so an interrupted import resumes where
-- it stopped, and the rows it could not take, with the reason. Candles that fail validation go to candle_quarantine
-- like the exchanges' ones; legacy_import_rejected holds the other tables' rejects.

-- The current (or last) import: one row.
CREATE TABLE legacy_import_run (
    id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
    status      text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    source      text        NOT NULL,               -- the legacy URL, without credentials
    started_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    last_error  text
);

-- One row per legacy table of the current run; the cursor is where its next page starts.
CREATE TABLE legacy_import_progress (
    source_table  text        PRIMARY KEY,          -- e.g. market_data.kline_data
    position      integer     NOT NULL,             -- import order
    status        text        NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    rows_total    bigint      NOT NULL DEFAULT 0,
    rows_read     bigint      NOT NULL DEFAULT 0,
    rows_written  bigint      NOT NULL DEFAULT 0,
    rows_quarantined bigint   NOT NULL DEFAULT 0,
    rows_skipped  bigint      NOT NULL DEFAULT 0,   -- already present in Coinwatch
    cursor        text,
    started_at    timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    last_error    text
);

CREATE TABLE legacy_import_rejected (
    id           bigserial   PRIMARY KEY,
    source_table text        NOT NULL,
    source_key   text        NOT NULL,
    raw          text        NOT NULL,
    reason       text        NOT NULL,
    rejected_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_table, source_key, reason)
);

-- The legacy symbols carried Bybit's trading parameters (price scale, tick size, ...); kept as they were.
ALTER TABLE symbol ADD COLUMN trading_parameters jsonb;

-- A coin mapping taken over from the legacy database (its token symbol matched the base asset there).
ALTER TABLE coin_mapping DROP CONSTRAINT coin_mapping_method_check;
ALTER TABLE coin_mapping ADD CONSTRAINT coin_mapping_method_check
    CHECK (method IN ('override', 'unique-symbol', 'market-cap-rank', 'unmapped', 'legacy'));
