package io.coinwatch.marketdata;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.coinwatch.core.legacy.LegacyImportStep;
import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.persistence.JsonColumns;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * market_data.symbols into symbol: exchange in lower case, the trading parameters kept as they were. A symbol that
 * has no launch time gets its first legacy candle's open time. A symbol Coinwatch already has is left as it is. Each
 * symbol added is announced as discovery announces one, symbol.added in the same transaction, so the other roles
 * (fundamental-data's own symbol list above all) learn it. Marked legacy_import: its first backfill waits until the
 * import has stored its candles ({@link KlineBackfill#importWait}).
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class LegacySymbolImport implements LegacyImportStep {

    static final String TABLE = "market_data.symbols";
    private static final Pattern NAME = Pattern.compile("[A-Z0-9]{2,50}");
    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{1,20}");
    /** Bitcoin's genesis block: the legacy model's lower bound for a launch time. */
    private static final long EARLIEST_LAUNCH = Instant.parse("2009-01-03T00:00:00Z").toEpochMilli();
    private static final long DAY_MILLIS = 86_400_000L;
    /** The legacy rows carry no status: a symbol the legacy system collected was trading. */
    private static final String TRADING = "Trading";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventOutbox outbox;
    private final JsonColumns json;
    private final Clock clock;

    public LegacySymbolImport(JdbcTemplate jdbc, TransactionTemplate tx, EventOutbox outbox, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public int position() {
        return 10;
    }

    @Override
    public List<String> columns() {
        return List.of("id", "name", "exchange", "base_asset", "quote_asset", "price_scale", "tick_size", "qty_step", "max_qty",
                "min_notional", "max_leverage", "funding_interval", "launch_time");
    }

    @Override
    public String countQuery() {
        return "SELECT count(*) FROM " + TABLE;
    }

    @Override
    public void run(LegacyTableRun run) {
        run.eachRow(LegacyMarketDataRoutes.SYMBOLS_PAGE, "id", cursor -> cursor == null ? 0L : Long.parseLong(cursor), row -> {
            String problem = problem(row);
            if (problem != null) {
                run.reject(String.valueOf(row.get("id")), row.toString(), problem);
                return LegacyTableRun.Outcome.QUARANTINED;
            }
            return insert(row) ? LegacyTableRun.Outcome.WRITTEN : LegacyTableRun.Outcome.SKIPPED;
        });
    }

    private String problem(Map<String, Object> row) {
        String name = trim(row.get("name"));
        if (name == null || !NAME.matcher(name).matches()) {
            return "name '" + name + "' is not an exchange symbol (A-Z, 0-9)";
        }
        String base = trim(row.get("base_asset"));
        String quote = trim(row.get("quote_asset"));
        if (base == null || quote == null || !ASSET.matcher(base).matches() || !ASSET.matcher(quote).matches()) {
            return "base or quote asset missing or malformed";
        }
        if (launchTime(row) == null) {
            return "no launch time and no candles";
        }
        return null;
    }

    /** The legacy launch time when plausible, else the first stored candle's open time. */
    private Long launchTime(Map<String, Object> row) {
        Object launch = row.get("launch_time");
        if (launch instanceof Number n && n.longValue() >= EARLIEST_LAUNCH && n.longValue() <= clock.millis() + DAY_MILLIS) {
            return n.longValue();
        }
        return row.get("first_candle") instanceof Timestamp first ? first.getTime() : null;
    }

    /** Inserts the symbol unless present and, when it was new, publishes its symbol.added: both or neither. */
    private boolean insert(Map<String, Object> row) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!insertRow(row)) {
                return false;
            }
            ListedInstrument listed = new ListedInstrument(trim(row.get("name")), trim(row.get("base_asset")),
                    trim(row.get("quote_asset")), null, TRADING, launchTime(row));
            outbox.publish(EventTypes.SYMBOL_ADDED, SymbolCatalog.event(exchange(row), listed.symbol(), listed));
            return true;
        }));
    }

    private boolean insertRow(Map<String, Object> row) {
        Map<String, Object> trading = new LinkedHashMap<>();
        trading.put("priceScale", row.get("price_scale"));
        trading.put("tickSize", row.get("tick_size"));
        trading.put("qtyStep", row.get("qty_step"));
        trading.put("maxQty", row.get("max_qty"));
        trading.put("minNotional", row.get("min_notional"));
        trading.put("maxLeverage", row.get("max_leverage"));
        trading.put("fundingIntervalMinutes", row.get("funding_interval"));
        return jdbc.update("""
                INSERT INTO symbol (exchange, symbol, base_asset, quote_asset, status, active, launch_time, trading_parameters,
                                    legacy_import)
                VALUES (?, ?, ?, ?, ?, true, ?, ?::jsonb, true) ON CONFLICT (exchange, symbol) DO NOTHING""",
                exchange(row), trim(row.get("name")), trim(row.get("base_asset")), trim(row.get("quote_asset")), TRADING,
                Timestamp.from(Instant.ofEpochMilli(launchTime(row))), json.write(trading)) == 1;
    }

    static String exchange(Map<String, Object> row) {
        String exchange = trim(row.get("exchange"));
        return exchange == null ? null : exchange.toLowerCase(java.util.Locale.ROOT);
    }

    static String trim(Object value) {
        return value == null ? null : value.toString().trim();
    }
}
