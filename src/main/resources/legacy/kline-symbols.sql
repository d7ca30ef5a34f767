SELECT id, name, exchange FROM market_data.symbols ORDER BY id
