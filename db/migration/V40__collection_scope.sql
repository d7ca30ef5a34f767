-- Collection scope (coinwatch.exchanges.<name>.collect) and the symbols' fundamental enrichment, both market-data's own.

-- Whether each symbol is collected (backfilled, synced, audited) and why; an operator's pin or drop
-- (PUT/DELETE /api/v1/market-data/symbols/{symbol}/collection) wins over the configured scope and survives restarts.
-- A symbol that is not collected keeps its candles and backfill progress, so collecting it again resumes.
ALTER TABLE symbol
    ADD COLUMN collected boolean NOT NULL DEFAULT true,
    ADD COLUMN collection_reason text,
    ADD COLUMN collection_override text CHECK (collection_override IN ('pinned', 'dropped')),
    ADD COLUMN collection_override_at timestamptz;

-- What the fundamental-data role knows of each exchange base asset, as market-data last read it through the
-- fundamental API (never from that role's tables, so it works when the roles run apart).
CREATE TABLE symbol_enrichment (
    exchange        text        NOT NULL,
    base_asset      text        NOT NULL,
    coin_id         text,                            -- null: not mapped; mapping_detail says why
    name            text,
    market_cap      numeric,
    market_cap_rank integer,
    categories      jsonb       NOT NULL DEFAULT '[]',
    mapping_detail  text,
    enriched_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (exchange, base_asset)
);
