package io.coinwatch.marketdata;

import org.springframework.stereotype.Component;

import io.coinwatch.core.metrics.PipelineMetrics;

/**
 * The exchange-independent end of every kline route: validate a page against its request, quarantine what fails,
 * store the rest. Bybit (Java) and Binance (YAML) routes both end here.
 */
@Component("klineWriter")
public class KlineWriter {

    private final CandleValidator validator;
    private final CandleStore store;
    private final PipelineMetrics metrics;

    public KlineWriter(CandleValidator validator, CandleStore store, PipelineMetrics metrics) {
        this.validator = validator;
        this.store = store;
        this.metrics = metrics;
    }

    public PageResult store(PageRequest request, KlinePage page) {
        KlinePage checked = validator.validate(page, request.start(), request.end());
        store.quarantine(request.symbolId(), checked.rejected());
        int written = store.write(request.symbolId(), checked.candles());
        metrics.candlesIngested(request.exchange(), written);
        return new PageResult(request, page.candles().size(), written, checked.rejected().size());
    }
}
