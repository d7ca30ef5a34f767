SELECT "timestamp" AT TIME ZONE 'UTC', open_price, high_price, low_price, close_price, volume, turnover
FROM market_data.kline_data
WHERE symbol_id = %d AND interval = '5' AND "timestamp" > %s
ORDER BY "timestamp"
LIMIT %d
