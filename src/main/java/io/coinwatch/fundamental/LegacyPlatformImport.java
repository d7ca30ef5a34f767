package io.coinwatch.fundamental;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyImportStep;
import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/** fundamental_data.token_platforms into coin_platform (contract addresses per chain); present rows are kept. */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class LegacyPlatformImport implements LegacyImportStep {

    private final JdbcTemplate jdbc;

    public LegacyPlatformImport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String table() {
        return "fundamental_data.token_platforms";
    }

    @Override
    public int position() {
        return 31;
    }

    @Override
    public List<String> columns() {
        return List.of("token_id", "platform_id", "contract_address");
    }

    @Override
    public String countQuery() {
        return "SELECT count(*) FROM fundamental_data.token_platforms";
    }

    @Override
    public void run(LegacyTableRun run) {
        run.eachRow(LegacyFundamentalRoutes.PLATFORMS_PAGE, "row_key", cursor -> cursor == null ? "" : cursor, row -> {
            Integer coins = jdbc.queryForObject("SELECT count(*) FROM coin_metadata WHERE coin_id = ?", Integer.class, row.get("token_id"));
            if (coins == null || coins == 0) {
                run.reject(String.valueOf(row.get("row_key")), row.toString(), "its token is not in coin_metadata");
                return LegacyTableRun.Outcome.QUARANTINED;
            }
            return jdbc.update("INSERT INTO coin_platform (coin_id, platform_id, contract_address) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    row.get("token_id"), row.get("platform_id"), row.get("contract_address")) == 1
                    ? LegacyTableRun.Outcome.WRITTEN : LegacyTableRun.Outcome.SKIPPED;
        });
    }
}
