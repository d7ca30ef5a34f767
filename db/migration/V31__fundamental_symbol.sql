-- The fundamental role's own record of the exchange symbols the symbol.added/updated/delisted events announced, so its
-- API resolves a symbol to its base asset without reading market-data's symbol table.
CREATE TABLE fundamental_symbol (
    exchange    text        NOT NULL,
    symbol      text        NOT NULL,
    base_asset  text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (exchange, symbol)
);
CREATE INDEX fundamental_symbol_asset_idx ON fundamental_symbol (exchange, base_asset);

-- The symbols listed before this migration: their events were consumed before the table existed.
INSERT INTO fundamental_symbol (exchange, symbol, base_asset, active)
SELECT exchange, symbol, base_asset, active FROM symbol;
