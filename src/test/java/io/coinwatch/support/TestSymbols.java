package io.coinwatch.support;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/** Symbols that tests own: inserted directly (no discovery), once, and found again by later tests of the run. */
public final class TestSymbols {

    private TestSymbols() {
    }

    /** Ensures a Trading bybit USDT perpetual {@code <base>USDT} launched at {@code launch}; returns its id. */
    public static int ensure(JdbcTemplate jdbc, String base, long launch) {
        jdbc.update("""
                INSERT INTO symbol (exchange, symbol, base_asset, quote_asset, contract_type, status, launch_time)
                VALUES ('bybit', ?, ?, 'USDT', 'LinearPerpetual', 'Trading', ?) ON CONFLICT DO NOTHING""",
                base + "USDT", base, Timestamp.from(Instant.ofEpochMilli(launch)));
        return jdbc.queryForObject("SELECT id FROM symbol WHERE exchange = 'bybit' AND symbol = ?", Integer.class, base + "USDT");
    }
}
