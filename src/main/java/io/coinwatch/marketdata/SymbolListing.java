package io.coinwatch.marketdata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.marketdata.MarketDataApiTypes.SymbolInfo;

/**
 * The symbols as the API shows them: each with its collection state and reason and its fundamental enrichment, an
 * exchange's list filtered by category and collection state and sorted by symbol or market-cap rank (unranked last).
 */
@Component
public class SymbolListing {

    /** How the list is sorted. */
    public enum Sort { SYMBOL, MARKET_CAP_RANK }

    private static final String SELECT = """
            SELECT s.symbol, s.exchange, s.base_asset, s.quote_asset, s.status, s.active, s.launch_time, s.delisted_at,
                   s.collected, s.collection_reason, s.collection_override, e.coin_id, e.name, e.market_cap, e.market_cap_rank,
                   e.categories::text, e.enriched_at
            FROM symbol s LEFT JOIN symbol_enrichment e ON e.exchange = s.exchange AND e.base_asset = s.base_asset""";

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public SymbolListing(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @param category null for any; matched case-insensitively. @param collected null for either */
    public List<SymbolInfo> list(String exchange, String category, Boolean collected, Sort sort, int limit) {
        return jdbc.query(SELECT + """
                 WHERE s.exchange = ?
                  AND (?::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.categories) c WHERE lower(c) = lower(?)))
                  AND (?::boolean IS NULL OR s.collected = ?)
                ORDER BY CASE WHEN ? THEN e.market_cap_rank END NULLS LAST, s.symbol LIMIT ?""", this::row,
                exchange, category, category, collected, collected, sort == Sort.MARKET_CAP_RANK, limit);
    }

    public SymbolInfo one(MarketSymbol symbol) {
        return jdbc.query(SELECT + " WHERE s.id = ?", this::row, symbol.id()).get(0);
    }

    private SymbolInfo row(ResultSet rs, int i) throws SQLException {
        boolean active = rs.getBoolean(6);
        return new SymbolInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                active ? rs.getString(5) : "Delisted", active, rs.getTimestamp(7).getTime(), millis(rs.getTimestamp(8)),
                rs.getBoolean(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getBigDecimal(14),
                rs.getObject(15, Integer.class), json.readStrings(rs.getString(16)), millis(rs.getTimestamp(17)));
    }

    private static Long millis(Timestamp time) {
        return time == null ? null : time.getTime();
    }
}
