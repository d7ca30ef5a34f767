SELECT s.id, s.name, s.exchange, s.base_asset, s.quote_asset, s.price_scale, s.tick_size, s.qty_step, s.max_qty,
       s.min_notional, s.max_leverage, s.funding_interval, s.launch_time,
       (SELECT min(k."timestamp") FROM market_data.kline_data k WHERE k.symbol_id = s.id AND k.interval = '5') AS first_candle
FROM market_data.symbols s
WHERE s.id > :#after
ORDER BY s.id
LIMIT :#limit
