SELECT id, symbol, name, description, categories::text AS categories, launch_time, market_cap_rank, hashing_algorithm,
       image_thumb, image_small, image_large, website, whitepaper, reddit, twitter, telegram, github, updated_at
FROM fundamental_data.token_metadata
WHERE id > :#after
ORDER BY id
LIMIT :#limit
