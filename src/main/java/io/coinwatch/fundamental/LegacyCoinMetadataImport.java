package io.coinwatch.fundamental;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyImportStep;
import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * fundamental_data.token_metadata into coin_metadata (a coin Coinwatch already has is kept), then the coin mapping the
 * legacy system used implicitly: an exchange base asset whose token symbol matched exactly one legacy coin (after a
 * 1000-style multiplier prefix) maps to it, unless Coinwatch already mapped that asset to a coin; an asset a mapping run
 * left unmapped takes the legacy coin.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class LegacyCoinMetadataImport implements LegacyImportStep {

    private static final Logger log = LoggerFactory.getLogger(LegacyCoinMetadataImport.class);
    private static final Pattern MULTIPLIER = Pattern.compile("^(10+)[A-Z].*");

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public LegacyCoinMetadataImport(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String table() {
        return "fundamental_data.token_metadata";
    }

    @Override
    public int position() {
        return 30;
    }

    @Override
    public List<String> columns() {
        return List.of("id", "symbol", "name", "description", "categories", "launch_time", "market_cap_rank", "hashing_algorithm",
                "image_thumb", "image_small", "image_large", "website", "whitepaper", "reddit", "twitter", "telegram", "github",
                "updated_at");
    }

    @Override
    public String countQuery() {
        return "SELECT count(*) FROM fundamental_data.token_metadata";
    }

    @Override
    public void run(LegacyTableRun run) {
        run.eachRow(LegacyFundamentalRoutes.METADATA_PAGE, "id", cursor -> cursor == null ? "" : cursor, row -> {
            JsonNode categories = categories(row.get("categories"));
            if (categories == null) {
                run.reject(String.valueOf(row.get("id")), row.toString(), "categories is not a JSON list");
                return LegacyTableRun.Outcome.QUARANTINED;
            }
            return insert(row, categories) ? LegacyTableRun.Outcome.WRITTEN : LegacyTableRun.Outcome.SKIPPED;
        });
        map(run);
    }

    private JsonNode categories(Object raw) {
        try {
            JsonNode node = json.read(raw == null ? "[]" : raw.toString());
            return node != null && node.isArray() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean insert(Map<String, Object> row, JsonNode categories) {
        Number rank = (Number) row.get("market_cap_rank");
        Timestamp launch = (Timestamp) row.get("launch_time");
        return jdbc.update("""
                INSERT INTO coin_metadata (coin_id, symbol, name, description, categories, genesis_date, hashing_algorithm, homepage,
                    whitepaper, subreddit_url, twitter_screen_name, telegram_channel, github, image_thumb, image_small, image_large,
                    market_cap_rank, fetched_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (coin_id) DO NOTHING""",
                row.get("id"), row.get("symbol"), row.get("name"), row.get("description"), categories.toString(),
                launch == null ? null : java.sql.Date.valueOf(launch.toInstant().atZone(ZoneOffset.UTC).toLocalDate()),
                row.get("hashing_algorithm"), row.get("website"), row.get("whitepaper"), row.get("reddit"), row.get("twitter"),
                row.get("telegram"), row.get("github"), row.get("image_thumb"), row.get("image_small"), row.get("image_large"),
                rank == null || rank.intValue() < 0 ? null : rank.intValue(), row.get("updated_at")) == 1;
    }

    /** Base assets that matched exactly one legacy coin; an existing mapping to a coin is kept. */
    private void map(LegacyTableRun run) {
        Map<String, List<String>> coinsByAsset = new LinkedHashMap<>();
        for (Map<String, Object> row : run.page(LegacyFundamentalRoutes.ASSET_COINS, Map.of())) {
            coinsByAsset.computeIfAbsent(row.get("exchange") + " " + row.get("base_asset"), k -> new java.util.ArrayList<>())
                    .add((String) row.get("coin_id"));
        }
        int mapped = 0;
        for (Map.Entry<String, List<String>> e : coinsByAsset.entrySet()) {
            if (e.getValue().size() != 1) {
                continue; // ambiguous: the mapping run decides by market-cap rank
            }
            String[] key = e.getKey().split(" ", 2);
            Matcher m = MULTIPLIER.matcher(key[1]);
            long multiplier = m.matches() ? Long.parseLong(m.group(1)) : 1;
            mapped += jdbc.update("""
                    INSERT INTO coin_mapping (exchange, base_asset, coin_id, multiplier, method, detail) VALUES (?, ?, ?, ?, 'legacy', ?)
                    ON CONFLICT (exchange, base_asset) DO UPDATE SET coin_id = EXCLUDED.coin_id, multiplier = EXCLUDED.multiplier,
                        method = EXCLUDED.method, detail = EXCLUDED.detail, decided_at = now()
                    WHERE coin_mapping.coin_id IS NULL""", key[0], key[1], e.getValue().get(0), multiplier,
                    "taken over from the legacy database, where the token symbol matched");
        }
        log.info("Legacy import: {} coin mappings taken over ({} assets matched one legacy coin)", mapped,
                coinsByAsset.values().stream().filter(c -> c.size() == 1).count());
    }
}
