SELECT "timestamp", open_price, high_price, low_price, close_price, volume, turnover
FROM market_data.kline_data
WHERE symbol_id = :#symbolId AND interval = '5' AND "timestamp" > :#after
ORDER BY "timestamp"
LIMIT :#limit
