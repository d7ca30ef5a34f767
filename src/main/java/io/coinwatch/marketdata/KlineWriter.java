package io.coinwatch.marketdata;

import org.springframework.stereotype.Component;

/**
 * The exchange-independent end of every kline route: validate a page against its request, quarantine what fails,
 * store the rest. Bybit (Java) and Binance (YAML) routes both end here.
 */
@Component("klineWriter")
public class KlineWriter {

    private final CandleValidator validator;
    private final CandleStore store;

    public KlineWriter(CandleValidator validator, CandleStore store) {
        this.validator = validator;
        this.store = store;
    }

    public PageResult store(PageRequest request, KlinePage page) {
        KlinePage checked = validator.validate(page, request.start(), request.end());
        store.quarantine(request.symbolId(), checked.rejected());
        int written = store.write(request.symbolId(), checked.candles());
        return new PageResult(request, page.candles().size(), written, checked.rejected().size());
    }
}
