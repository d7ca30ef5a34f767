package io.coinwatch.fundamental.sentiment;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.FundamentalRun;

/** coin_sentiment: every reading of a coin on a source, kept as history; the API shows the latest per source. */
@Component("sentimentStore")
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class SentimentStore {

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public SentimentStore(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void save(FundamentalRun run, SentimentRequest request, SentimentReading reading) {
        jdbc.update("""
                INSERT INTO coin_sentiment (coin_id, source, collected_at, handle, score, samples, details)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (coin_id, source, collected_at) DO NOTHING""",
                request.coinId(), request.source(), Timestamp.from(run.startedAt()), request.handle(), reading.score(),
                reading.samples(), json.write(reading.details()));
        run.add("coins", request.label());
    }

    /** The latest reading of each source for a coin, by source name. */
    public Map<String, Map<String, Object>> latest(String coinId) {
        Map<String, Map<String, Object>> bySource = new LinkedHashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (source) source, handle, score, samples, details::text, collected_at
                FROM coin_sentiment WHERE coin_id = ? ORDER BY source, collected_at DESC""", rs -> {
            Map<String, Object> reading = new LinkedHashMap<>();
            reading.put("handle", rs.getString(2));
            reading.put("score", rs.getBigDecimal(3));
            reading.put("samples", rs.getInt(4));
            reading.put("details", json.read(rs.getString(5)));
            reading.put("collectedAt", rs.getTimestamp(6).getTime());
            bySource.put(rs.getString(1), reading);
        }, coinId);
        return bySource;
    }
}
