package io.coinwatch.fundamental;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * coin_market_snapshot: every /coins/markets row collected, one per coin and run, as history. Numbers are stored as
 * CoinGecko sent them (NUMERIC, read as BigDecimal), so negative changes stay negative and missing values stay null;
 * the latest snapshot of a coin is one backward step on the primary key (coin_id, collected_at).
 */
@Component("marketMetricsStore")
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class MarketMetricsStore {

    /** The /coins/markets fields kept, all numeric; each is a column of the same name. */
    static final List<String> NUMBERS = List.of("current_price", "market_cap", "fully_diluted_valuation", "total_volume",
            "high_24h", "low_24h", "price_change_24h", "price_change_percentage_24h", "market_cap_change_24h",
            "market_cap_change_percentage_24h", "circulating_supply", "total_supply", "max_supply", "ath",
            "ath_change_percentage", "atl", "atl_change_percentage");
    private static final List<String> TIMES = List.of("ath_date", "atl_date");
    private static final List<String> COLUMNS = Stream.of(List.of("coin_id", "collected_at", "market_cap_rank"), NUMBERS, TIMES,
            List.of("roi", "source_updated_at")).flatMap(List::stream).toList();
    private static final String INSERT = "INSERT INTO coin_market_snapshot (" + String.join(", ", COLUMNS) + ") VALUES ("
            + COLUMNS.stream().map(c -> c.equals("roi") ? "?::jsonb" : "?").collect(Collectors.joining(", "))
            + ") ON CONFLICT (coin_id, collected_at) DO NOTHING";
    private static final String SELECT = "SELECT " + COLUMNS.stream().map(c -> c.equals("roi") ? "roi::text" : c)
            .collect(Collectors.joining(", ")) + " FROM coin_market_snapshot";

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public MarketMetricsStore(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores one page of rows as snapshots taken at the run's start; collected coins are noted in the run. */
    public void store(FundamentalRun run, List<String> requested, List<JsonNode> rows) {
        Timestamp collectedAt = Timestamp.from(run.startedAt());
        Set<String> wanted = new HashSet<>(requested);
        List<Object[]> batch = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            String coinId = row.path("id").asText();
            if (!wanted.remove(coinId)) {
                continue; // a row nobody asked for (or asked twice): not ours to store
            }
            List<Object> values = new ArrayList<>(COLUMNS.size());
            values.add(coinId);
            values.add(collectedAt);
            values.add(row.path("market_cap_rank").isNumber() ? row.path("market_cap_rank").asInt() : null);
            NUMBERS.forEach(field -> values.add(decimal(row.path(field))));
            TIMES.forEach(field -> values.add(CoinMetadataStore.timestamp(row.path(field))));
            values.add(row.path("roi").isObject() ? row.path("roi").toString() : null);
            values.add(CoinMetadataStore.timestamp(row.path("last_updated")));
            batch.add(values.toArray());
            run.add("coins", coinId);
        }
        jdbc.batchUpdate(INSERT, batch);
        wanted.stream().sorted().forEach(missing -> run.add("missing", missing));
    }

    /** Those of the coins that have no snapshot yet. */
    public List<String> withoutSnapshots(List<String> coinIds) {
        return coinIds.stream().filter(coin -> !Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM coin_market_snapshot WHERE coin_id = ?)", Boolean.class, coin))).toList();
    }

    /** The latest snapshot of a coin, or empty before its first. */
    public Optional<Map<String, Object>> latest(String coinId) {
        return jdbc.query(SELECT + " WHERE coin_id = ? ORDER BY collected_at DESC LIMIT 1", (rs, i) -> snapshotJson(rs), coinId)
                .stream().findFirst();
    }

    /** The last {@code limit} snapshots of a coin between start and end (epoch ms, inclusive, either may be null), oldest first. */
    public List<Map<String, Object>> history(String coinId, Long start, Long end, int limit) {
        List<Map<String, Object>> newestFirst = jdbc.query(SELECT
                        + " WHERE coin_id = ? AND collected_at >= COALESCE(?::timestamptz, '-infinity') AND collected_at <= COALESCE(?::timestamptz, 'infinity')"
                        + " ORDER BY collected_at DESC LIMIT ?", (rs, i) -> snapshotJson(rs), coinId,
                start == null ? null : new Timestamp(start), end == null ? null : new Timestamp(end), limit);
        List<Map<String, Object>> ascending = new ArrayList<>(newestFirst);
        Collections.reverse(ascending);
        return ascending;
    }

    /** A row as JSON: camelCase names, times in epoch ms, numbers at full precision, nulls kept. */
    private Map<String, Object> snapshotJson(ResultSet rs) throws SQLException {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 2; i <= meta.getColumnCount(); i++) {
            String column = COLUMNS.get(i - 1);
            Object value = rs.getObject(i);
            if (value instanceof Timestamp t) {
                value = t.getTime();
            } else if (column.equals("roi") && value != null) {
                value = json.read((String) value);
            }
            snapshot.put(camelCase(column), value);
        }
        return snapshot;
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String camelCase(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
