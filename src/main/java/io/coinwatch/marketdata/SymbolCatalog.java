package io.coinwatch.marketdata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;

/**
 * The stored symbols of every exchange. {@link #reconcile} applies a complete listing: new symbols are added,
 * changed ones updated, and those gone from the listing delisted (soft: history is kept), each with its event in the
 * same transaction. A new symbol is not collected until {@link SymbolCollection#apply} has placed it in the scope.
 */
@Component("symbolCatalog")
public class SymbolCatalog {

    private static final Logger log = LoggerFactory.getLogger(SymbolCatalog.class);
    private static final String COLUMNS = "id, exchange, symbol, base_asset, quote_asset, contract_type, status, active, launch_time, delisted_at, collected";

    /** What one reconciliation changed. */
    public record Changes(int added, int updated, int delisted, int unchanged) {
    }

    private final JdbcTemplate jdbc;
    private final EventOutbox outbox;
    /** Ids of the symbols found by {@link #idOf}: at most one entry per stored symbol. */
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    public SymbolCatalog(JdbcTemplate jdbc, EventOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @Transactional
    public Changes reconcile(String exchange, List<ListedInstrument> listed) {
        // Null when discovery dropped every listed instrument (new ones without a first candle yet): nothing is listed.
        List<ListedInstrument> listing = listed == null ? List.of() : listed;
        listing.stream().filter(item -> item.launchTime() == null).findFirst().ifPresent(item -> {
            throw new IllegalArgumentException(exchange + " listing of " + item.symbol() + " has no launch time");
        });
        Map<String, MarketSymbol> stored = new HashMap<>();
        for (MarketSymbol s : list(exchange, false)) {
            stored.put(s.symbol(), s);
        }
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (ListedInstrument item : listing) {
            MarketSymbol existing = stored.remove(item.symbol());
            if (existing == null) {
                insert(exchange, item);
                outbox.publish(EventTypes.SYMBOL_ADDED, event(exchange, item.symbol(), item));
                added++;
            } else if (!existing.active() || !existing.status().equals(item.status())
                    || existing.launchTime() != item.launchTime().longValue()) {
                jdbc.update("""
                        UPDATE symbol SET status = ?, launch_time = ?, active = true, delisted_at = NULL, updated_at = now()
                        WHERE id = ?""", item.status(), Timestamp.from(Instant.ofEpochMilli(item.launchTime())), existing.id());
                outbox.publish(existing.active() ? EventTypes.SYMBOL_UPDATED : EventTypes.SYMBOL_ADDED, event(exchange, item.symbol(), item));
                updated++;
            } else {
                unchanged++;
            }
        }
        int delisted = 0;
        for (MarketSymbol gone : stored.values()) {
            if (gone.active()) {
                jdbc.update("UPDATE symbol SET active = false, delisted_at = now(), updated_at = now() WHERE id = ?", gone.id());
                outbox.publish(EventTypes.SYMBOL_DELISTED, Map.of("exchange", exchange, "symbol", gone.symbol(), "baseAsset", gone.baseAsset()));
                delisted++;
            }
        }
        Changes changes = new Changes(added, updated, delisted, unchanged);
        log.info("Symbol discovery on {}: {} listed, {} added, {} updated, {} delisted", exchange, listing.size(), added, updated, delisted);
        return changes;
    }

    /**
     * The listing with the stored launch time filled in for every symbol whose listing does not say: the launch of a
     * symbol never changes, so only symbols seen for the first time must be asked about.
     */
    public List<ListedInstrument> withStoredLaunchTimes(String exchange, List<ListedInstrument> listing) {
        Map<String, Long> launches = new HashMap<>();
        for (MarketSymbol s : list(exchange, false)) {
            launches.put(s.symbol(), s.launchTime());
        }
        return listing.stream().map(item -> item.launchTime() != null || !launches.containsKey(item.symbol()) ? item
                : item.withLaunchTime(launches.get(item.symbol()))).toList();
    }

    private void insert(String exchange, ListedInstrument item) {
        jdbc.update("""
                INSERT INTO symbol (exchange, symbol, base_asset, quote_asset, contract_type, status, active, launch_time,
                                    collected, collection_reason)
                VALUES (?, ?, ?, ?, ?, ?, true, ?, false, 'new: the collection scope decides at the end of discovery')""", exchange, item.symbol(), item.baseAsset(), item.quoteAsset(),
                item.contractType(), item.status(), Timestamp.from(Instant.ofEpochMilli(item.launchTime())));
    }

    /** The payload of symbol.added and symbol.updated; the legacy import announces the symbols it adds with it too. */
    static Map<String, Object> event(String exchange, String symbol, ListedInstrument item) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exchange", exchange);
        data.put("symbol", symbol);
        data.put("baseAsset", item.baseAsset());
        data.put("quoteAsset", item.quoteAsset());
        data.put("status", item.status());
        data.put("launchTime", item.launchTime());
        return data;
    }

    public List<MarketSymbol> list(String exchange, boolean activeOnly) {
        return jdbc.query("SELECT " + COLUMNS + " FROM symbol WHERE exchange = ? AND (active OR NOT ?) ORDER BY symbol",
                SymbolCatalog::row, exchange, activeOnly);
    }

    public Optional<MarketSymbol> find(String exchange, String symbol) {
        return jdbc.query("SELECT " + COLUMNS + " FROM symbol WHERE exchange = ? AND symbol = ?", SymbolCatalog::row, exchange, symbol)
                .stream().findFirst();
    }

    /**
     * The id of an exchange's symbol, from memory once found: a symbol's row is never deleted nor its id changed, so
     * only unknown names (which may be discovered later) are asked of the database each time.
     */
    public Optional<Integer> idOf(String exchange, String symbol) {
        String key = exchange + ":" + symbol;
        Integer known = ids.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Integer> found = jdbc.query("SELECT id FROM symbol WHERE exchange = ? AND symbol = ?",
                (rs, i) -> rs.getInt(1), exchange, symbol).stream().findFirst();
        found.ifPresent(id -> ids.put(key, id));
        return found;
    }

    public Optional<MarketSymbol> byId(int id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM symbol WHERE id = ?", SymbolCatalog::row, id).stream().findFirst();
    }

    private static MarketSymbol row(ResultSet rs, int i) throws SQLException {
        Timestamp delisted = rs.getTimestamp(10);
        return new MarketSymbol(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getTimestamp(9).getTime(),
                delisted == null ? null : delisted.getTime(), rs.getBoolean(11));
    }
}
