package io.coinwatch.marketdata;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.metrics.PipelineMetrics;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * Stores one page of legacy klines (the legacy-kline-page route): its quarantined rows, its candles (COPY, falling back
 * to ON CONFLICT DO NOTHING for rows already present) and the run's progress with the next cursor, in ONE
 * transaction, so a crash leaves either the whole page and its cursor or neither, and a resumed run writes every row
 * exactly once.
 */
@Component("legacyKlineStore")
@ConditionalOnRole(Role.MARKET_DATA)
public class LegacyKlineStore {

    private final CandleStore store;
    private final TransactionTemplate tx;
    private final PipelineMetrics metrics;

    public LegacyKlineStore(CandleStore store, TransactionTemplate tx, PipelineMetrics metrics) {
        this.store = store;
        this.tx = tx;
        this.metrics = metrics;
    }

    /** Returns the number of candles written (new rows). */
    public int store(LegacyKlinePage page) {
        LegacyTableRun run = page.run();
        LegacyKlineSymbol legacy = page.symbol();
        MarketSymbol symbol = legacy.symbol();
        if (symbol == null) {
            run.reject(legacy.legacyName(), "symbol id " + legacy.legacyId(), "candles of a symbol that was not imported");
            run.pageDone(page.read(), 0, page.read(), 0, page.cursor());
            return 0;
        }
        CandleCopyText candles = page.candles();
        if (candles.rows() > 0) {
            store.ensurePartitions(candles.firstOpenTime(), candles.lastOpenTime());
        }
        int quarantined = page.rejected().size();
        Integer written = tx.execute(status -> {
            store.quarantine(symbol.id(), page.rejected());
            int n = store.writeInTransaction(candles);
            run.pageDone(page.read(), n, quarantined, page.read() - quarantined - n, page.cursor());
            return n;
        });
        int n = written == null ? 0 : written;
        metrics.candlesIngested(symbol.exchange(), n);
        return n;
    }
}
