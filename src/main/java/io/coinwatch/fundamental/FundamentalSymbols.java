package io.coinwatch.fundamental;

import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventEnvelope;
import io.coinwatch.core.messaging.EventTypes;

/**
 * The exchange symbols as the symbol events announced them (fundamental_symbol), the fundamental role's own copy: its
 * API resolves BTCUSDT to the base asset BTC from it, never from market-data's symbol table.
 */
@Component("fundamentalSymbols")
public class FundamentalSymbols {

    private final JdbcTemplate jdbc;

    public FundamentalSymbols(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called by the fundamental-symbols-consumer for every symbol event; a field missing parks the event. */
    public void record(EventEnvelope event) {
        jdbc.update("""
                INSERT INTO fundamental_symbol (exchange, symbol, base_asset, active) VALUES (?, ?, ?, ?)
                ON CONFLICT (exchange, symbol) DO UPDATE
                SET base_asset = excluded.base_asset, active = excluded.active, updated_at = now()""",
                event.text("exchange"), event.text("symbol"), event.text("baseAsset"),
                !EventTypes.SYMBOL_DELISTED.equals(event.type()));
    }

    public boolean knowsExchange(String exchange) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM fundamental_symbol WHERE exchange = ?)", Boolean.class, exchange));
    }

    /** The base asset of a symbol or of a base asset given as such, preferring an exact symbol and an active one. */
    public Optional<String> baseAsset(String exchange, String symbolOrAsset) {
        String upper = symbolOrAsset.toUpperCase(Locale.ROOT);
        return jdbc.queryForList("""
                SELECT base_asset FROM fundamental_symbol WHERE exchange = ? AND (symbol = ? OR base_asset = ?)
                ORDER BY (symbol = ?) DESC, active DESC LIMIT 1""", String.class, exchange, upper, upper, upper)
                .stream().findFirst();
    }
}
