SELECT id, symbol, current_price, market_cap, market_cap_rank, fully_diluted_valuation, total_volume, high_24h, low_24h,
       price_change_24h, price_change_percentage_24h, market_cap_change_24h, market_cap_change_percentage_24h,
       circulating_supply, total_supply, max_supply, ath, ath_change_percentage, ath_date, atl, atl_change_percentage,
       atl_date, updated_at
FROM fundamental_data.token_market_metrics
WHERE id > :#after
ORDER BY id
LIMIT :#limit
