package io.coinwatch.marketdata;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyImportStep;
import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.model.Candle;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * market_data.kline_data (interval '5', timestamp = open time) into candle, symbol by symbol in pages, through the
 * exchange collection's own path: KlineWriter validates, quarantines what fails with its reason, and COPYs the rest
 * (rows already stored are kept and counted as skipped). Afterwards the symbol's backfill continues from its last
 * imported candle.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class LegacyKlineImport implements LegacyImportStep {

    static final String TABLE = "market_data.kline_data";
    private static final String[] VALUES = {"open_price", "high_price", "low_price", "close_price", "volume", "turnover"};

    private final SymbolCatalog symbols;
    private final KlineWriter writer;
    private final CandleStore store;
    private final KlineBackfill backfill;

    public LegacyKlineImport(SymbolCatalog symbols, KlineWriter writer, CandleStore store, KlineBackfill backfill) {
        this.symbols = symbols;
        this.writer = writer;
        this.store = store;
        this.backfill = backfill;
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public int position() {
        return 20;
    }

    @Override
    public List<String> columns() {
        return List.of("symbol_id", "timestamp", "interval", "open_price", "high_price", "low_price", "close_price", "volume", "turnover");
    }

    @Override
    public String countQuery() {
        return "SELECT count(*) FROM " + TABLE + " WHERE interval = '5'";
    }

    /** Cursor "legacySymbolId:lastOpenTimeMillis": the page after it is the next one. */
    @Override
    public void run(LegacyTableRun run) {
        long resumeSymbol = 0;
        long resumeAfter = Long.MIN_VALUE;
        if (run.cursor() != null) {
            String[] parts = run.cursor().split(":");
            resumeSymbol = Long.parseLong(parts[0]);
            resumeAfter = Long.parseLong(parts[1]);
        }
        for (Map<String, Object> legacy : run.page(LegacyMarketDataRoutes.KLINE_SYMBOLS, Map.of())) {
            long legacyId = ((Number) legacy.get("id")).longValue();
            if (legacyId < resumeSymbol) {
                continue;
            }
            long after = legacyId == resumeSymbol ? resumeAfter : Long.MIN_VALUE;
            Optional<MarketSymbol> symbol = symbols.find(LegacySymbolImport.exchange(legacy), LegacySymbolImport.trim(legacy.get("name")));
            importSymbol(run, legacyId, symbol.orElse(null), after, String.valueOf(legacy.get("name")));
        }
    }

    private void importSymbol(LegacyTableRun run, long legacyId, MarketSymbol symbol, long after, String legacyName) {
        long written = 0;
        while (true) {
            List<Map<String, Object>> rows = run.page(LegacyMarketDataRoutes.KLINE_PAGE, Map.of("symbolId", legacyId,
                    "after", new Timestamp(after == Long.MIN_VALUE ? 0 : after), "limit", run.pageSize()));
            if (rows.isEmpty()) {
                break;
            }
            after = ((Timestamp) rows.get(rows.size() - 1).get("timestamp")).getTime();
            String cursor = legacyId + ":" + after;
            if (symbol == null) {
                // Its symbol row was rejected: the candles have no symbol to belong to.
                run.reject(legacyName, "symbol id " + legacyId, "candles of a symbol that was not imported");
                run.pageDone(rows.size(), 0, rows.size(), 0, cursor);
                continue;
            }
            KlinePage page = page(rows);
            long first = ((Timestamp) rows.get(0).get("timestamp")).getTime();
            PageResult result = writer.store(new PageRequest(symbol.id(), symbol.exchange(), symbol.symbol(), first, after), page);
            long stored = rows.size() - result.rejected();
            written += result.written();
            run.pageDone(rows.size(), result.written(), result.rejected(), stored - result.written(), cursor);
        }
        if (symbol != null && written > 0) {
            backfill.continueAfterImport(symbol, store.lastOpenTime(symbol.id()));
        }
    }

    /** The rows as candles; a row with a missing value is rejected here, the rest judged by the validator. */
    private static KlinePage page(List<Map<String, Object>> rows) {
        List<Candle> candles = new ArrayList<>(rows.size());
        List<RejectedCandle> rejected = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long openTime = ((Timestamp) row.get("timestamp")).getTime();
            BigDecimal[] v = new BigDecimal[VALUES.length];
            String missing = null;
            for (int i = 0; i < VALUES.length; i++) {
                v[i] = (BigDecimal) row.get(VALUES[i]);
                if (v[i] == null && missing == null) {
                    missing = VALUES[i] + " missing";
                }
            }
            if (missing != null) {
                rejected.add(new RejectedCandle(openTime, row.toString(), missing));
            } else {
                candles.add(new Candle(openTime, v[0], v[1], v[2], v[3], v[4], v[5]));
            }
        }
        return new KlinePage(candles, rejected);
    }
}
