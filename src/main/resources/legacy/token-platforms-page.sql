SELECT token_id, platform_id, contract_address, token_id || '/' || platform_id AS row_key
FROM fundamental_data.token_platforms
WHERE token_id || '/' || platform_id > :#after
ORDER BY token_id || '/' || platform_id
LIMIT :#limit
