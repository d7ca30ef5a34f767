-- Fundamental data (role fundamental-data): which CoinGecko coin each exchange base asset is, the coins' metadata,
-- their market metrics and sentiment as history, and the monthly call budget of rate-limited vendor APIs.

-- One row per exchange base asset ever listed. coin_id is null when the asset could not be mapped; detail then says
-- why (no coin has the symbol, or several share it and none has a market-cap rank), otherwise how it was decided.
-- A delisted asset keeps its row with active = false, so its history stays attributable.
CREATE TABLE coin_mapping (
    exchange    text        NOT NULL,
    base_asset  text        NOT NULL,
    coin_id     text,
    multiplier  bigint      NOT NULL DEFAULT 1 CHECK (multiplier >= 1), -- coins per exchange unit: 1000PEPE -> 1000
    method      text        NOT NULL CHECK (method IN ('override', 'unique-symbol', 'market-cap-rank', 'unmapped')),
    detail      text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    decided_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (exchange, base_asset),
    CHECK ((coin_id IS NULL) = (method = 'unmapped'))
);
CREATE INDEX coin_mapping_coin_idx ON coin_mapping (coin_id) WHERE coin_id IS NOT NULL;

-- CoinGecko /coins/{id}, the fields the original kept plus the whole links object as sent.
CREATE TABLE coin_metadata (
    coin_id            text PRIMARY KEY,
    symbol             text        NOT NULL,
    name               text        NOT NULL,
    description        text,
    categories         jsonb       NOT NULL DEFAULT '[]',
    genesis_date       date,
    hashing_algorithm  text,
    block_time_minutes integer,
    asset_platform_id  text,
    homepage           text,
    whitepaper         text,
    subreddit_url      text,
    twitter_screen_name text,
    telegram_channel   text,
    github             text,
    links              jsonb       NOT NULL DEFAULT '{}',
    image_thumb        text,
    image_small        text,
    image_large        text,
    market_cap_rank    integer,
    source_updated_at  timestamptz,                  -- CoinGecko's last_updated
    fetched_at         timestamptz NOT NULL DEFAULT now()
);

-- Contract address per asset platform; replaced with the coin's metadata.
CREATE TABLE coin_platform (
    coin_id          text NOT NULL REFERENCES coin_metadata (coin_id) ON DELETE CASCADE,
    platform_id      text NOT NULL,
    contract_address text NOT NULL,
    PRIMARY KEY (coin_id, platform_id)
);

-- Every /coins/markets row collected, one per coin and run: the history the original overwrote. The primary key
-- serves both the latest snapshot of a coin (a backward scan of one key) and its series. Values are stored as sent:
-- negative changes stay negative, missing values stay null.
CREATE TABLE coin_market_snapshot (
    coin_id                          text        NOT NULL,
    collected_at                     timestamptz NOT NULL,
    current_price                    numeric,
    market_cap                       numeric,
    market_cap_rank                  integer,
    fully_diluted_valuation          numeric,
    total_volume                     numeric,
    high_24h                         numeric,
    low_24h                          numeric,
    price_change_24h                 numeric,
    price_change_percentage_24h      numeric,
    market_cap_change_24h            numeric,
    market_cap_change_percentage_24h numeric,
    circulating_supply               numeric,
    total_supply                     numeric,
    max_supply                       numeric,
    ath                              numeric,
    ath_change_percentage            numeric,
    ath_date                         timestamptz,
    atl                              numeric,
    atl_change_percentage            numeric,
    atl_date                         timestamptz,
    roi                              jsonb,
    source_updated_at                timestamptz,     -- CoinGecko's last_updated
    PRIMARY KEY (coin_id, collected_at)
);

-- One reading per coin, sentiment source and run, kept as history. score is null when the source had no post in its
-- window; details holds what the source counted (posts, comments, bullish and bearish posts...).
CREATE TABLE coin_sentiment (
    coin_id      text        NOT NULL,
    source       text        NOT NULL,
    collected_at timestamptz NOT NULL,
    handle       text        NOT NULL,               -- where it was read, e.g. the subreddit
    score        numeric CHECK (score BETWEEN -1 AND 1),
    samples      integer     NOT NULL,
    details      jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (coin_id, source, collected_at)
);

-- Calls made per calendar month (UTC) against an API with a monthly quota, counted before each call so a restart
-- or another replica never starts again from zero.
CREATE TABLE api_call_budget (
    budget text    NOT NULL,
    month  date    NOT NULL,
    calls  integer NOT NULL,
    PRIMARY KEY (budget, month)
);
