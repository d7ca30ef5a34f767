package io.coinwatch.fundamental;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The coin_mapping table: which CoinGecko coin each exchange base asset is. Which coins are collected follows from it:
 * every coin at least one active asset maps to. An asset whose symbols are all delisted keeps its row, inactive. The
 * assets and their active flags come from fundamental_symbol (what the symbol events announced), never from
 * market-data's symbol table: the roles may run apart.
 */
@Component("coinMappingStore")
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class CoinMappingStore {

    /** A stored mapping row. */
    public record Mapping(String exchange, String baseAsset, String coinId, long multiplier, String method, String detail,
                          boolean active, long decidedAt) {
    }

    private static final String COLUMNS = "exchange, base_asset, coin_id, multiplier, method, detail, active, decided_at";

    private final JdbcTemplate jdbc;

    public CoinMappingStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The assets a mapping run decides: "all" active base assets (the daily run, which also re-decides existing
     * mappings), or only the "pending" ones that have no row yet (after symbol events).
     */
    public List<AssetRef> assetsToMap(String scope) {
        String pendingOnly = "pending".equals(scope)
                ? " AND NOT EXISTS (SELECT 1 FROM coin_mapping m WHERE m.exchange = s.exchange AND m.base_asset = s.base_asset)"
                : "";
        return jdbc.query("SELECT DISTINCT s.exchange, s.base_asset FROM fundamental_symbol s WHERE s.active" + pendingOnly
                + " ORDER BY 1, 2", (rs, i) -> new AssetRef(rs.getString(1), rs.getString(2)));
    }

    /**
     * Stores the decisions and brings every row's active flag in line with the symbols (fundamental_symbol), in one
     * transaction, noting in the run what changed: assets mapped (new, or unmapped before), remapped (coin or multiplier
     * changed), unmapped, deactivated (their last symbol delisted) and reactivated, and the coins no longer collected
     * (history kept). A "pending" run decided assets that had no row: one that got a row meanwhile (another run, or the
     * legacy import's mappings) keeps it.
     *
     * @return the collected coins without metadata yet, to be fetched at once
     */
    @Transactional
    public List<String> apply(FundamentalRun run, List<MappingDecision> decisions, String scope) {
        boolean pendingOnly = "pending".equals(scope);
        // One mapping run at a time across replicas, so two runs never report the same change.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('coin_mapping'))");
        Map<AssetRef, Mapping> before = new HashMap<>();
        all().forEach(m -> before.put(new AssetRef(m.exchange(), m.baseAsset()), m));
        List<AssetRef> mapped = new ArrayList<>();
        List<AssetRef> remapped = new ArrayList<>();
        List<AssetRef> unmapped = new ArrayList<>();
        for (MappingDecision d : decisions) {
            Mapping old = before.get(d.asset());
            if (pendingOnly && old != null) {
                continue;
            }
            boolean wasMapped = old != null && old.coinId() != null;
            boolean otherCoin = old == null || !Objects.equals(old.coinId(), d.coinId()) || old.multiplier() != d.multiplier();
            boolean changed = otherCoin || !old.method().equals(d.method());
            if (d.mapped() && !wasMapped) {
                mapped.add(d.asset());
            } else if (d.mapped() && otherCoin) {
                remapped.add(d.asset());
            } else if (!d.mapped() && (old == null || wasMapped)) {
                unmapped.add(d.asset());
            }
            jdbc.update("""
                    INSERT INTO coin_mapping (exchange, base_asset, coin_id, multiplier, method, detail) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (exchange, base_asset) DO UPDATE SET coin_id = EXCLUDED.coin_id, multiplier = EXCLUDED.multiplier,
                        method = EXCLUDED.method, detail = EXCLUDED.detail,
                        decided_at = CASE WHEN ? THEN now() ELSE coin_mapping.decided_at END
                    WHERE NOT ?""",
                    d.asset().exchange(), d.asset().baseAsset(), d.coinId(), d.multiplier(), d.method(), d.detail(), changed, pendingOnly);
        }
        List<AssetRef> deactivated = new ArrayList<>();
        List<AssetRef> reactivated = new ArrayList<>();
        jdbc.query("""
                UPDATE coin_mapping m SET active = NOT m.active
                WHERE m.active <> EXISTS (SELECT 1 FROM fundamental_symbol s WHERE s.exchange = m.exchange AND s.base_asset = m.base_asset AND s.active)
                RETURNING exchange, base_asset, active""",
                (RowCallbackHandler) rs -> (rs.getBoolean(3) ? reactivated : deactivated).add(new AssetRef(rs.getString(1), rs.getString(2))));
        Set<String> collected = Set.copyOf(collectedCoins());
        List<String> stopped = before.values().stream().filter(m -> m.active() && m.coinId() != null).map(Mapping::coinId)
                .distinct().filter(c -> !collected.contains(c)).sorted().toList();
        List<String> newCoins = jdbc.queryForList("""
                SELECT DISTINCT m.coin_id FROM coin_mapping m
                WHERE m.active AND m.coin_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM coin_metadata d WHERE d.coin_id = m.coin_id)
                ORDER BY 1""", String.class);
        run.changed("mapped", labels(mapped));
        run.changed("remapped", labels(remapped));
        run.changed("unmapped", labels(unmapped));
        run.changed("deactivated", labels(deactivated));
        run.changed("reactivated", labels(reactivated));
        run.changed("stopped", stopped);
        return newCoins;
    }

    /** The coins whose data is collected: those at least one active asset maps to. */
    public List<String> collectedCoins() {
        return jdbc.queryForList("SELECT DISTINCT coin_id FROM coin_mapping WHERE active AND coin_id IS NOT NULL ORDER BY 1", String.class);
    }

    private List<Mapping> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM coin_mapping ORDER BY exchange, base_asset", CoinMappingStore::row);
    }

    public List<Mapping> list(String exchange, Boolean mapped) {
        return jdbc.query("SELECT " + COLUMNS + " FROM coin_mapping WHERE (exchange = ? OR ?::text IS NULL)"
                        + " AND (?::boolean IS NULL OR (coin_id IS NOT NULL) = ?) ORDER BY exchange, base_asset",
                CoinMappingStore::row, exchange, exchange, mapped, mapped);
    }

    public Optional<Mapping> find(String exchange, String baseAsset) {
        return jdbc.query("SELECT " + COLUMNS + " FROM coin_mapping WHERE exchange = ? AND base_asset = ?", CoinMappingStore::row,
                exchange, baseAsset).stream().findFirst();
    }

    private static List<String> labels(List<AssetRef> assets) {
        return assets.stream().map(a -> a.exchange() + ":" + a.baseAsset()).toList();
    }

    private static Mapping row(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp(8);
        return new Mapping(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getBoolean(7), decided.getTime());
    }
}
