package io.coinwatch.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Row count and md5 of the ordered content of every table that only data flows and API write operations change, so a
 * test can show that a storm of bad requests changed nothing. Left out, because the application writes them on its
 * own timers whatever the API receives: monitor_event, monitor_instance and monitor_alert (status every 2 s, alert
 * evaluation every second), event_outbox and camel_messageprocessed (the status events passing through), the Quartz
 * tables (scheduler check-ins) and flyway_schema_history (never written after start).
 */
public final class DatabaseFingerprint {

    public static final List<String> TABLES = List.of("symbol", "candle", "candle_quarantine", "candle_gap", "backfill_progress",
            "indicator_latest", "coin_mapping", "coin_metadata", "coin_platform", "coin_market_snapshot", "coin_sentiment",
            "api_call_budget", "parked_message");

    private DatabaseFingerprint() {
    }

    /** Table name to "rows:md5". */
    public static Map<String, String> of(JdbcTemplate jdbc) {
        Map<String, String> fingerprint = new LinkedHashMap<>();
        for (String table : TABLES) {
            // Table names are the constants above, never input.
            fingerprint.put(table, jdbc.queryForObject("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                    + table + " t", String.class));
        }
        return fingerprint;
    }

    /**
     * The fingerprint once the flows earlier tests started (backfills, indicator updates, enrichment, parking after
     * retries) have come to rest: unchanged over a quiet spell of readings a second apart. A spell of one second was
     * too short: an enrichment batch that an earlier test's discovery started still updated symbol rows afterwards.
     */
    public static Map<String, String> settled(JdbcTemplate jdbc, Duration quiet, Duration timeout) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(of(jdbc));
        await("the database at rest for " + quiet).atMost(timeout).pollInterval(Duration.ofSeconds(1)).during(quiet)
                .until(() -> last.getAndSet(of(jdbc)).equals(last.get()));
        return last.get();
    }
}
