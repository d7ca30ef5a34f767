SELECT DISTINCT lower(trim(s.exchange)) AS exchange, s.base_asset, m.id AS coin_id, m.symbol AS coin_symbol
FROM market_data.symbols s
JOIN fundamental_data.token_metadata m ON lower(m.symbol) = lower(regexp_replace(s.base_asset, '^10+(?=[A-Z])', ''))
WHERE s.base_asset IS NOT NULL
ORDER BY 1, 2, 3
