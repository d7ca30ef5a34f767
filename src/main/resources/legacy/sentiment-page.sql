SELECT t.*, m.twitter AS twitter_handle, m.reddit AS reddit_handle, m.telegram AS telegram_handle
FROM fundamental_data.token_sentiment t LEFT JOIN fundamental_data.token_metadata m ON m.id = t.id
WHERE t.id > :#after
ORDER BY t.id
LIMIT :#limit
