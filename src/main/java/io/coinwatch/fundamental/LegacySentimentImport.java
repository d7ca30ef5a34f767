package io.coinwatch.fundamental;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyImportStep;
import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * fundamental_data.token_sentiment (one row per coin, platform columns side by side) into the sentiment history: one
 * reading per platform that has data (twitter, reddit, telegram) and one "overall" reading with the legacy aggregate
 * and social score, all collected at the row's updated_at. The handle is the coin's legacy metadata link.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class LegacySentimentImport implements LegacyImportStep {

    private static final BigDecimal MIN_SCORE = BigDecimal.ONE.negate();

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public LegacySentimentImport(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String table() {
        return "fundamental_data.token_sentiment";
    }

    @Override
    public int position() {
        return 50;
    }

    @Override
    public List<String> columns() {
        return List.of("id", "symbol", "twitter_followers", "twitter_following", "twitter_posts_24h", "twitter_engagement_rate",
                "twitter_sentiment_score", "reddit_subscribers", "reddit_active_users", "reddit_posts_24h", "reddit_comments_24h",
                "reddit_sentiment_score", "telegram_members", "telegram_online_members", "telegram_messages_24h",
                "telegram_sentiment_score", "overall_sentiment_score", "social_score", "updated_at");
    }

    @Override
    public String countQuery() {
        return "SELECT count(*) FROM fundamental_data.token_sentiment";
    }

    @Override
    public void run(LegacyTableRun run) {
        run.eachRow(LegacyFundamentalRoutes.SENTIMENT_PAGE, "id", cursor -> cursor == null ? "" : cursor, row -> {
            String problem = problem(row);
            if (problem != null) {
                run.reject(String.valueOf(row.get("id")), row.toString(), problem);
                return LegacyTableRun.Outcome.QUARANTINED;
            }
            int written = 0;
            written += reading(row, "twitter", "twitter_posts_24h", details(row, "followers", "twitter_followers", "following",
                    "twitter_following", "posts24h", "twitter_posts_24h", "engagementRate", "twitter_engagement_rate"));
            written += reading(row, "reddit", "reddit_posts_24h", details(row, "subscribers", "reddit_subscribers", "activeUsers",
                    "reddit_active_users", "posts24h", "reddit_posts_24h", "comments24h", "reddit_comments_24h"));
            written += reading(row, "telegram", "telegram_messages_24h", details(row, "members", "telegram_members",
                    "onlineMembers", "telegram_online_members", "messages24h", "telegram_messages_24h"));
            written += save(row, "overall", String.valueOf(row.get("id")), (BigDecimal) row.get("overall_sentiment_score"), 0,
                    details(row, "socialScore", "social_score"));
            return written > 0 ? LegacyTableRun.Outcome.WRITTEN : LegacyTableRun.Outcome.SKIPPED;
        });
    }

    private static String problem(Map<String, Object> row) {
        if (!(row.get("updated_at") instanceof Timestamp)) {
            return "updated_at missing: no time to file the reading at";
        }
        for (String column : List.of("twitter_sentiment_score", "reddit_sentiment_score", "telegram_sentiment_score",
                "overall_sentiment_score")) {
            BigDecimal score = (BigDecimal) row.get(column);
            if (score != null && (score.compareTo(MIN_SCORE) < 0 || score.compareTo(BigDecimal.ONE) > 0)) {
                return column + " " + score.toPlainString() + " outside [-1, 1]";
            }
        }
        return null;
    }

    /** One platform's reading, if the legacy row has any of its values. */
    private int reading(Map<String, Object> row, String platform, String samplesColumn, Map<String, Object> details) {
        BigDecimal score = (BigDecimal) row.get(platform + "_sentiment_score");
        if (score == null && details.isEmpty()) {
            return 0;
        }
        Number samples = (Number) row.get(samplesColumn);
        Object handle = row.get(platform + "_handle");
        return save(row, platform, handle == null ? String.valueOf(row.get("id")) : handle.toString(), score,
                samples == null ? 0 : samples.intValue(), details);
    }

    private int save(Map<String, Object> row, String source, String handle, BigDecimal score, int samples, Map<String, Object> details) {
        details.put("origin", "legacy-import");
        return jdbc.update("""
                INSERT INTO coin_sentiment (coin_id, source, collected_at, handle, score, samples, details)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (coin_id, source, collected_at) DO NOTHING""",
                row.get("id"), source, row.get("updated_at"), handle, score, samples, json.write(details));
    }

    /** The non-null values among (name, column) pairs. */
    private static Map<String, Object> details(Map<String, Object> row, String... namesAndColumns) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < namesAndColumns.length; i += 2) {
            Object value = row.get(namesAndColumns[i + 1]);
            if (value != null) {
                details.put(namesAndColumns[i], value);
            }
        }
        return details;
    }
}
