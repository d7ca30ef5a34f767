package io.coinwatch.marketdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.coinwatch.core.legacy.LegacyImportStep;
import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * market_data.kline_data (interval '5', timestamp = open time) into candle, symbol by symbol in pages, under the
 * exchange collection's rules: rows that fail {@link CandleValidator}'s checks are quarantined with their reason, the
 * rest COPYed (rows already stored are kept and counted as skipped). A {@link LegacyKlineReader} thread streams and
 * checks the pages while the legacy-kline-page route ({@link LegacyKlineStore}) stores the ones before. Afterwards
 * each symbol's backfill continues from its last imported candle.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class LegacyKlineImport implements LegacyImportStep {

    static final String TABLE = "market_data.kline_data";

    private final SymbolCatalog symbols;
    private final CandleValidator validator;
    private final CandleStore store;
    private final KlineBackfill backfill;

    public LegacyKlineImport(SymbolCatalog symbols, CandleValidator validator, CandleStore store, KlineBackfill backfill) {
        this.symbols = symbols;
        this.validator = validator;
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
        List<LegacyKlineSymbol> todo = symbolsFrom(run);
        try (LegacyKlineReader reader = new LegacyKlineReader(run, todo, validator)) {
            LegacyKlineSymbol current = null;
            long written = 0;
            for (LegacyKlinePage page = reader.next(); page != null; page = reader.next()) {
                if (page.symbol() != current) {
                    continueBackfill(current, written);
                    current = page.symbol();
                    written = 0;
                }
                written += run.send(LegacyMarketDataRoutes.KLINE_PAGE, page, Integer.class);
            }
            continueBackfill(current, written);
        }
    }

    /** The legacy symbols from the cursor's on, each with its Coinwatch symbol (null: not imported). */
    private List<LegacyKlineSymbol> symbolsFrom(LegacyTableRun run) {
        long resumeSymbol = 0;
        long resumeAfter = Long.MIN_VALUE;
        if (run.cursor() != null) {
            String[] parts = run.cursor().split(":");
            resumeSymbol = Long.parseLong(parts[0]);
            resumeAfter = Long.parseLong(parts[1]);
        }
        List<LegacyKlineSymbol> todo = new ArrayList<>();
        for (Map<String, Object> legacy : run.page(LegacyMarketDataRoutes.KLINE_SYMBOLS, Map.of())) {
            long legacyId = ((Number) legacy.get("id")).longValue();
            if (legacyId < resumeSymbol) {
                continue;
            }
            MarketSymbol symbol = symbols.find(LegacySymbolImport.exchange(legacy), LegacySymbolImport.trim(legacy.get("name"))).orElse(null);
            todo.add(new LegacyKlineSymbol(legacyId, String.valueOf(legacy.get("name")), symbol,
                    legacyId == resumeSymbol ? resumeAfter : Long.MIN_VALUE));
        }
        return todo;
    }

    private void continueBackfill(LegacyKlineSymbol legacy, long written) {
        if (legacy != null && legacy.symbol() != null && written > 0) {
            backfill.continueAfterImport(legacy.symbol(), store.lastOpenTime(legacy.symbol().id()));
        }
    }
}
