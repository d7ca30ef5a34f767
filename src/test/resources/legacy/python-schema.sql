-- The Python Coinwatch's database as its Alembic migrations (001-011) leave it, in plain PostgreSQL: the kline table
-- is a TimescaleDB hypertable there, with compression, a retention policy and three continuous aggregates (1h, 4h,
-- 1d); none of that changes what a SELECT returns, so it is left out and the import must not need it.
CREATE SCHEMA market_data;
CREATE SCHEMA fundamental_data;

CREATE TABLE market_data.symbols (
    id               bigserial PRIMARY KEY,
    name             text NOT NULL,
    exchange         text NOT NULL,
    base_asset       text,
    quote_asset      text,
    price_scale      integer,
    tick_size        text,                  -- Bybit's trading parameters, kept as strings
    qty_step         text,
    max_qty          text,
    min_notional     text,
    max_leverage     text,
    funding_interval integer,               -- minutes
    launch_time      bigint,                -- epoch ms; nullable (first_trade_time before migration 004)
    CONSTRAINT uix_symbol_exchange UNIQUE (name, exchange)
);
CREATE INDEX idx_symbol_lookup ON market_data.symbols (name, exchange);
CREATE INDEX ix_symbols_name ON market_data.symbols (name);
CREATE INDEX ix_symbols_exchange ON market_data.symbols (exchange);

-- Only the 5-minute base interval ('5') was ever written; "timestamp" is the candle's open time (UTC).
-- Prices were float until migration 005, which converted them to NUMERIC(18,8) (so float noise survives, rounded).
CREATE TABLE market_data.kline_data (
    id          bigserial,
    symbol_id   bigint NOT NULL REFERENCES market_data.symbols (id) ON DELETE CASCADE,
    "timestamp" timestamptz NOT NULL,
    interval    text NOT NULL,
    open_price  numeric(18,8),
    high_price  numeric(18,8),
    low_price   numeric(18,8),
    close_price numeric(18,8),
    volume      numeric(36,8),
    turnover    numeric(36,8),
    PRIMARY KEY (id, "timestamp"),
    CONSTRAINT uix_kline_symbol_interval_time UNIQUE (symbol_id, interval, "timestamp")
);
CREATE INDEX idx_kline_query ON market_data.kline_data (symbol_id, interval, "timestamp");

CREATE TABLE fundamental_data.token_metadata (
    id                text PRIMARY KEY,     -- the CoinGecko id
    symbol            text NOT NULL,        -- CoinGecko's symbol, lower case
    name              text NOT NULL,
    description       text NOT NULL,
    categories        jsonb NOT NULL,
    launch_time       timestamptz,          -- from genesis_date
    market_cap_rank   bigint NOT NULL,      -- -1 when CoinGecko had none
    hashing_algorithm text,
    image_thumb       text NOT NULL,
    image_small       text NOT NULL,
    image_large       text NOT NULL,
    website           text,
    whitepaper        text,
    reddit            text,
    twitter           text,
    telegram          text,
    github            text,
    updated_at        timestamptz NOT NULL,
    data_source       text DEFAULT 'coingecko'
);

-- Migration 006 dropped the ON DELETE CASCADE.
CREATE TABLE fundamental_data.token_platforms (
    token_id         text NOT NULL REFERENCES fundamental_data.token_metadata (id),
    platform_id      text NOT NULL,
    contract_address text NOT NULL,
    PRIMARY KEY (token_id, platform_id)
);

-- One row per coin, overwritten by every collection (no history); everything nullable since migration 009.
CREATE TABLE fundamental_data.token_market_metrics (
    id                               text PRIMARY KEY,
    symbol                           text NOT NULL,
    current_price                    numeric(20,10),
    high_24h                         numeric(20,10),
    low_24h                          numeric(20,10),
    price_change_24h                 numeric(20,10),
    ath                              numeric(20,10),
    atl                              numeric(20,10),
    price_change_percentage_24h      numeric(16,4),
    market_cap_change_percentage_24h numeric(16,4),
    ath_change_percentage            numeric(16,4),
    atl_change_percentage            numeric(16,4),
    market_cap                       numeric(30,2),
    fully_diluted_valuation          numeric(30,2),
    total_volume                     numeric(30,2),
    market_cap_change_24h            numeric(30,2),
    circulating_supply               numeric(30,8),
    total_supply                     numeric(30,8),
    max_supply                       numeric(30,8),
    market_cap_rank                  integer,
    ath_date                         timestamptz,
    atl_date                         timestamptz,
    updated_at                       timestamptz NOT NULL,
    data_source                      text NOT NULL
);

CREATE TABLE fundamental_data.token_sentiment (
    id                       text PRIMARY KEY,
    symbol                   text,
    twitter_followers        bigint,
    twitter_following        bigint,
    twitter_posts_24h        bigint,
    twitter_engagement_rate  numeric,
    twitter_sentiment_score  numeric,
    reddit_subscribers       bigint,
    reddit_active_users      bigint,
    reddit_posts_24h         bigint,
    reddit_comments_24h      bigint,
    reddit_sentiment_score   numeric,
    telegram_members         bigint,
    telegram_online_members  bigint,
    telegram_messages_24h    bigint,
    telegram_sentiment_score numeric,
    overall_sentiment_score  numeric NOT NULL,
    social_score             numeric NOT NULL,
    updated_at               timestamptz NOT NULL,
    data_source              text NOT NULL DEFAULT 'internal'
);
