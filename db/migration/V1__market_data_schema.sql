-- Symbols, candles and their bookkeeping. Candles are the table that grows (about 53 M rows for 500 symbols x 1 year
-- of 5m), so they are range-partitioned by month on open_time and keyed by a compact symbol id.

CREATE TABLE symbol (
    id           serial PRIMARY KEY,
    exchange     text        NOT NULL,
    symbol       text        NOT NULL,
    base_asset   text        NOT NULL,
    quote_asset  text        NOT NULL,
    contract_type text,
    status       text        NOT NULL,           -- the exchange's status (Trading, ...)
    active       boolean     NOT NULL DEFAULT true,
    launch_time  timestamptz NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    delisted_at  timestamptz,
    UNIQUE (exchange, symbol)
);

CREATE TABLE candle (
    symbol_id        integer     NOT NULL,
    interval_minutes smallint    NOT NULL,
    open_time        timestamptz NOT NULL,
    open             numeric     NOT NULL,
    high             numeric     NOT NULL,
    low              numeric     NOT NULL,
    close            numeric     NOT NULL,
    volume           numeric     NOT NULL,
    turnover         numeric     NOT NULL,
    PRIMARY KEY (symbol_id, interval_minutes, open_time)
) PARTITION BY RANGE (open_time);

-- Rows outside every monthly partition land here rather than fail; ensure_candle_partitions moves nothing,
-- it only makes sure the months about to be written have their own partition.
CREATE TABLE candle_default PARTITION OF candle DEFAULT;

CREATE FUNCTION ensure_candle_partitions(range_start timestamptz, range_end timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month   timestamptz := date_trunc('month', range_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    created integer := 0;
    name    text;
BEGIN
    WHILE month <= range_end LOOP
        name := 'candle_' || to_char(month AT TIME ZONE 'UTC', 'YYYYMM');
        IF to_regclass(name) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF candle FOR VALUES FROM (%L) TO (%L)',
                               name, month, month + interval '1 month');
                created := created + 1;
            EXCEPTION WHEN duplicate_table THEN
                NULL; -- another writer created it first
            END;
        END IF;
        month := month + interval '1 month';
    END LOOP;
    RETURN created;
END $$;

-- Candles that failed validation: kept with the reason, never stored as candles.
CREATE TABLE candle_quarantine (
    id           bigserial PRIMARY KEY,
    symbol_id    integer     NOT NULL REFERENCES symbol (id),
    interval_minutes smallint NOT NULL,
    open_time    bigint      NOT NULL,
    raw          text        NOT NULL,
    reason       text        NOT NULL,
    quarantined_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (symbol_id, interval_minutes, open_time, reason)
);

-- Every hole found by the audit; a single missing candle counts.
CREATE TABLE candle_gap (
    id            bigserial PRIMARY KEY,
    symbol_id     integer     NOT NULL REFERENCES symbol (id),
    interval_minutes smallint NOT NULL,
    gap_start     timestamptz NOT NULL,           -- first missing open time
    gap_end       timestamptz NOT NULL,           -- last missing open time (inclusive)
    status        text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'repaired', 'unfillable')),
    attempts      integer     NOT NULL DEFAULT 0,
    detected_at   timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz,
    resolved_at   timestamptz,
    last_error    text,
    UNIQUE (symbol_id, interval_minutes, gap_start, gap_end)
);
CREATE INDEX candle_gap_open_idx ON candle_gap (status, symbol_id);

-- Backfill progress per symbol: the next open time to fetch, so a restart resumes instead of starting over.
CREATE TABLE backfill_progress (
    symbol_id       integer     PRIMARY KEY REFERENCES symbol (id),
    interval_minutes smallint   NOT NULL,
    range_start     timestamptz NOT NULL,
    range_end       timestamptz NOT NULL,
    next_open_time  timestamptz NOT NULL,
    candles_written bigint      NOT NULL DEFAULT 0,
    status          text        NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    started_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    last_error      text
);
