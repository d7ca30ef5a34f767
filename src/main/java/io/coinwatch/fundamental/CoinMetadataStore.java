package io.coinwatch.fundamental;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * coin_metadata and coin_platform: what CoinGecko's /coins/{id} says about a coin, with the fields the original kept
 * (name, description, categories, genesis date, hashing algorithm, links, images, platforms with contract addresses).
 * Empty strings, which CoinGecko sends for missing links, are stored as null.
 */
@Component("coinMetadataStore")
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class CoinMetadataStore {

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public CoinMetadataStore(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Where a collected coin can be found on social sites, from its metadata (all null before it was fetched). */
    public record CoinLinks(String coinId, String subredditUrl, String twitterScreenName) {
    }

    /** Stores one /coins/{id} document, noting the coin in the run. */
    @Transactional
    public void save(FundamentalRun run, JsonNode doc) {
        String coinId = doc.path("id").asText();
        JsonNode links = doc.path("links");
        JsonNode image = doc.path("image");
        jdbc.update("""
                INSERT INTO coin_metadata (coin_id, symbol, name, description, categories, genesis_date, hashing_algorithm,
                    block_time_minutes, asset_platform_id, homepage, whitepaper, subreddit_url, twitter_screen_name,
                    telegram_channel, github, links, image_thumb, image_small, image_large, market_cap_rank, source_updated_at,
                    fetched_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, now())
                ON CONFLICT (coin_id) DO UPDATE SET symbol = EXCLUDED.symbol, name = EXCLUDED.name,
                    description = EXCLUDED.description, categories = EXCLUDED.categories, genesis_date = EXCLUDED.genesis_date,
                    hashing_algorithm = EXCLUDED.hashing_algorithm, block_time_minutes = EXCLUDED.block_time_minutes,
                    asset_platform_id = EXCLUDED.asset_platform_id, homepage = EXCLUDED.homepage, whitepaper = EXCLUDED.whitepaper,
                    subreddit_url = EXCLUDED.subreddit_url, twitter_screen_name = EXCLUDED.twitter_screen_name,
                    telegram_channel = EXCLUDED.telegram_channel, github = EXCLUDED.github, links = EXCLUDED.links,
                    image_thumb = EXCLUDED.image_thumb, image_small = EXCLUDED.image_small, image_large = EXCLUDED.image_large,
                    market_cap_rank = EXCLUDED.market_cap_rank, source_updated_at = EXCLUDED.source_updated_at,
                    fetched_at = EXCLUDED.fetched_at""",
                coinId, doc.path("symbol").asText(), doc.path("name").asText(coinId), text(doc.path("description").path("en")),
                json.write(strings(doc.path("categories"))), genesis(doc.path("genesis_date")), text(doc.path("hashing_algorithm")),
                doc.path("block_time_in_minutes").isNumber() ? doc.path("block_time_in_minutes").asInt() : null,
                text(doc.path("asset_platform_id")), first(links.path("homepage")), firstOrText(links.path("whitepaper")),
                text(links.path("subreddit_url")), text(links.path("twitter_screen_name")),
                text(links.path("telegram_channel_identifier")), first(links.path("repos_url").path("github")),
                json.write(links.isObject() ? links : Map.of()), text(image.path("thumb")), text(image.path("small")),
                text(image.path("large")), doc.path("market_cap_rank").isNumber() ? doc.path("market_cap_rank").asInt() : null,
                timestamp(doc.path("last_updated")));
        jdbc.update("DELETE FROM coin_platform WHERE coin_id = ?", coinId);
        doc.path("platforms").properties().forEach(platform -> {
            String address = text(platform.getValue());
            if (!platform.getKey().isEmpty() && address != null) {
                jdbc.update("INSERT INTO coin_platform (coin_id, platform_id, contract_address) VALUES (?, ?, ?)",
                        coinId, platform.getKey(), address);
            }
        });
        run.add("coins", coinId);
    }

    /** The metadata of a coin as the API shows it, or empty before it was first fetched. */
    public Optional<Map<String, Object>> find(String coinId) {
        return jdbc.query("""
                SELECT symbol, name, description, categories::text, genesis_date, hashing_algorithm, block_time_minutes,
                    asset_platform_id, homepage, whitepaper, subreddit_url, twitter_screen_name, telegram_channel, github,
                    image_thumb, image_small, image_large, market_cap_rank, source_updated_at, fetched_at
                FROM coin_metadata WHERE coin_id = ?""", (rs, i) -> metadataJson(rs), coinId).stream().findFirst()
                .map(metadata -> {
                    metadata.put("platforms", jdbc.query("SELECT platform_id, contract_address FROM coin_platform WHERE coin_id = ? ORDER BY 1",
                            (rs, i) -> platformJson(rs.getString(1), rs.getString(2)), coinId));
                    return metadata;
                });
    }

    /** The collected coins with their social links, for the sentiment sources. */
    public List<CoinLinks> collectedCoinLinks() {
        return jdbc.query("""
                SELECT m.coin_id, d.subreddit_url, d.twitter_screen_name
                FROM (SELECT DISTINCT coin_id FROM coin_mapping WHERE active AND coin_id IS NOT NULL) m
                LEFT JOIN coin_metadata d ON d.coin_id = m.coin_id ORDER BY 1""",
                (rs, i) -> new CoinLinks(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** One coin's social links (all null before its metadata was fetched). */
    public CoinLinks coinLinks(String coinId) {
        return jdbc.query("SELECT subreddit_url, twitter_screen_name FROM coin_metadata WHERE coin_id = ?",
                (rs, i) -> new CoinLinks(coinId, rs.getString(1), rs.getString(2)), coinId)
                .stream().findFirst().orElse(new CoinLinks(coinId, null, null));
    }

    private Map<String, Object> metadataJson(ResultSet rs) throws SQLException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("coinSymbol", rs.getString(1));
        metadata.put("name", rs.getString(2));
        metadata.put("description", rs.getString(3));
        metadata.put("categories", json.read(rs.getString(4)));
        Date genesis = rs.getDate(5);
        metadata.put("genesisDate", genesis == null ? null : genesis.toLocalDate().toString());
        metadata.put("hashingAlgorithm", rs.getString(6));
        metadata.put("blockTimeInMinutes", rs.getObject(7));
        metadata.put("assetPlatformId", rs.getString(8));
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("homepage", rs.getString(9));
        links.put("whitepaper", rs.getString(10));
        links.put("subreddit", rs.getString(11));
        links.put("twitter", rs.getString(12));
        links.put("telegram", rs.getString(13));
        links.put("github", rs.getString(14));
        metadata.put("links", links);
        Map<String, Object> images = new LinkedHashMap<>();
        images.put("thumb", rs.getString(15));
        images.put("small", rs.getString(16));
        images.put("large", rs.getString(17));
        metadata.put("images", images);
        metadata.put("marketCapRank", rs.getObject(18));
        Timestamp sourceUpdated = rs.getTimestamp(19);
        metadata.put("sourceUpdatedAt", sourceUpdated == null ? null : sourceUpdated.getTime());
        metadata.put("fetchedAt", rs.getTimestamp(20).getTime());
        return metadata;
    }

    private static Map<String, Object> platformJson(String platform, String contractAddress) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("platform", platform);
        json.put("contractAddress", contractAddress);
        return json;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> {
            if (text(v) != null) {
                values.add(v.asText());
            }
        });
        return values;
    }

    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String first(JsonNode array) {
        return strings(array).stream().findFirst().orElse(null);
    }

    private static String firstOrText(JsonNode node) {
        return node.isArray() ? first(node) : text(node);
    }

    private static Date genesis(JsonNode node) {
        String value = text(node);
        try {
            return value == null ? null : Date.valueOf(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Timestamp timestamp(JsonNode node) {
        String value = text(node);
        try {
            return value == null ? null : Timestamp.from(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
