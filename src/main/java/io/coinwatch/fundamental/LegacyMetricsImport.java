package io.coinwatch.fundamental;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyImportStep;
import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * fundamental_data.token_market_metrics (one row per coin, overwritten by every legacy run) into the metrics history
 * as one point per coin, collected at the row's updated_at. The legacy system clamped every negative 24 h price
 * change to 1e-10, so that exact value means "negative, amount lost" and is imported as unknown (null).
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class LegacyMetricsImport implements LegacyImportStep {

    static final BigDecimal CLAMPED_NEGATIVE = new BigDecimal("1E-10");
    private static final List<String> VALUES = List.of("current_price", "market_cap", "fully_diluted_valuation", "total_volume",
            "high_24h", "low_24h", "price_change_24h", "price_change_percentage_24h", "market_cap_change_24h",
            "market_cap_change_percentage_24h", "circulating_supply", "total_supply", "max_supply", "ath", "ath_change_percentage",
            "atl", "atl_change_percentage");
    private static final String INSERT = "INSERT INTO coin_market_snapshot (coin_id, collected_at, market_cap_rank, ath_date, atl_date, "
            + String.join(", ", VALUES) + ") VALUES (?, ?, ?, ?, ?" + ", ?".repeat(VALUES.size()) + ") ON CONFLICT DO NOTHING";

    private final JdbcTemplate jdbc;

    public LegacyMetricsImport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String table() {
        return "fundamental_data.token_market_metrics";
    }

    @Override
    public int position() {
        return 40;
    }

    @Override
    public List<String> columns() {
        List<String> columns = new java.util.ArrayList<>(List.of("id", "symbol", "market_cap_rank", "ath_date", "atl_date", "updated_at"));
        columns.addAll(VALUES);
        return columns;
    }

    @Override
    public String countQuery() {
        return "SELECT count(*) FROM fundamental_data.token_market_metrics";
    }

    @Override
    public void run(LegacyTableRun run) {
        run.eachRow(LegacyFundamentalRoutes.METRICS_PAGE, "id", cursor -> cursor == null ? "" : cursor, row -> {
            if (row.get("updated_at") == null) {
                run.reject(String.valueOf(row.get("id")), row.toString(), "updated_at missing: no time to file the point at");
                return LegacyTableRun.Outcome.QUARANTINED;
            }
            Number rank = (Number) row.get("market_cap_rank");
            Object[] args = new Object[5 + VALUES.size()];
            args[0] = row.get("id");
            args[1] = row.get("updated_at");
            args[2] = rank == null || rank.intValue() < 0 ? null : rank.intValue();
            args[3] = row.get("ath_date");
            args[4] = row.get("atl_date");
            for (int i = 0; i < VALUES.size(); i++) {
                args[5 + i] = value(row, VALUES.get(i));
            }
            return jdbc.update(INSERT, args) == 1 ? LegacyTableRun.Outcome.WRITTEN : LegacyTableRun.Outcome.SKIPPED;
        });
    }

    private static BigDecimal value(Map<String, Object> row, String column) {
        BigDecimal v = (BigDecimal) row.get(column);
        if ("price_change_24h".equals(column) && v != null && v.compareTo(CLAMPED_NEGATIVE) == 0) {
            return null;
        }
        return v;
    }
}
