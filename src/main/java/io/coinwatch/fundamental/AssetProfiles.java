package io.coinwatch.fundamental;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.FundamentalApiTypes.AssetProfile;

/**
 * Every mapped or unmapped base asset of an exchange with what is known of its coin in one read: name and categories
 * from the metadata, market cap and rank from the latest snapshot (the metadata's rank until there is one). What
 * GET /fundamental/assets serves, so another role can enrich its symbols with one call per exchange.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class AssetProfiles {

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public AssetProfiles(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<AssetProfile> list(String exchange) {
        return jdbc.query("""
                SELECT m.base_asset, m.coin_id, m.detail, d.name, d.categories::text, s.market_cap,
                       COALESCE(s.market_cap_rank, d.market_cap_rank)
                FROM coin_mapping m
                LEFT JOIN coin_metadata d ON d.coin_id = m.coin_id
                LEFT JOIN LATERAL (SELECT market_cap, market_cap_rank FROM coin_market_snapshot x
                                   WHERE x.coin_id = m.coin_id ORDER BY collected_at DESC LIMIT 1) s ON true
                WHERE m.exchange = ? AND m.active ORDER BY m.base_asset""", this::row, exchange);
    }

    private AssetProfile row(ResultSet rs, int i) throws SQLException {
        return new AssetProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), json.readStrings(rs.getString(5)),
                rs.getBigDecimal(6), rs.getObject(7, Integer.class));
    }
}
