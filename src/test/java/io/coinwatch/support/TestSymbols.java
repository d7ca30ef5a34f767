package io.coinwatch.support;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/** Symbols that tests own: inserted directly (no discovery), once, and found again by later tests of the run. */
public final class TestSymbols {

    private TestSymbols() {
    }

    /** Ensures a Trading bybit USDT perpetual {@code <base>USDT} launched at {@code launch}, collected; returns its id. */
    public static int ensure(JdbcTemplate jdbc, String base, long launch) {
        return insert(jdbc, base, launch, null);
    }

    /**
     * Ensures a bybit symbol the simulator does not list, dropped from collection so that no collection scope requests
     * its backfill: the simulator refuses those ("Not supported symbols"), and the failures opened Bybit's circuit
     * breaker under whichever test was syncing at the time. Tests give such symbols their candles themselves.
     */
    public static int ensureUnlisted(JdbcTemplate jdbc, String base, long launch) {
        return insert(jdbc, base, launch, "dropped");
    }

    private static int insert(JdbcTemplate jdbc, String base, long launch, String override) {
        jdbc.update("""
                INSERT INTO symbol (exchange, symbol, base_asset, quote_asset, contract_type, status, launch_time, collected,
                                    collection_override, collection_override_at)
                VALUES ('bybit', ?, ?, 'USDT', 'LinearPerpetual', 'Trading', ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                base + "USDT", base, Timestamp.from(Instant.ofEpochMilli(launch)), override == null, override,
                override == null ? null : Timestamp.from(Instant.now()));
        return jdbc.queryForObject("SELECT id FROM symbol WHERE exchange = 'bybit' AND symbol = ?", Integer.class, base + "USDT");
    }
}
