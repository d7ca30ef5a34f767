-- The latest value of each default indicator per symbol and interval, kept by the indicator-calculation route on
-- market.updated, so a screen over every symbol ("RSI of all symbols on 1h") is one indexed query.
CREATE TABLE indicator_latest (
    symbol_id   integer     NOT NULL REFERENCES symbol (id),
    interval    text        NOT NULL,
    indicator   text        NOT NULL,
    open_time   timestamptz NOT NULL,
    fields      jsonb       NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol_id, interval, indicator)
);
CREATE INDEX indicator_latest_screen_idx ON indicator_latest (interval, indicator);
