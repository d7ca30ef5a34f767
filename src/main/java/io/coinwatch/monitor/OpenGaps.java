package io.coinwatch.monitor;

import java.sql.Timestamp;
import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Candle gaps the repair has not closed yet, from the gap registry the market-data role keeps (candle_gap). */
@Component
public class OpenGaps {

    /**
     * @param open           gaps still open
     * @param olderThanAge   of those, detected longer ago than the alert's gap age
     * @param oldestDetectedAt epoch ms of the oldest open gap, null when there is none
     */
    public record Summary(long open, long olderThanAge, Long oldestDetectedAt) {
    }

    private final JdbcTemplate jdbc;
    private final MonitorProperties properties;

    public OpenGaps(JdbcTemplate jdbc, MonitorProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public Summary summary() {
        Duration age = properties.alerts().gapAge();
        return jdbc.queryForObject("""
                SELECT count(*), count(*) FILTER (WHERE detected_at < now() - make_interval(secs => ?)), min(detected_at)
                FROM candle_gap WHERE status = 'open'""",
                (rs, i) -> {
                    Timestamp oldest = rs.getTimestamp(3);
                    return new Summary(rs.getLong(1), rs.getLong(2), oldest == null ? null : oldest.getTime());
                }, age.toMillis() / 1000.0);
    }
}
