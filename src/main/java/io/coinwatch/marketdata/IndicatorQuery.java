package io.coinwatch.marketdata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.coinwatch.core.model.Candle;
import io.coinwatch.marketdata.indicator.Indicator;
import io.coinwatch.marketdata.indicator.IndicatorRequest;
import io.coinwatch.marketdata.indicator.IndicatorResult;
import io.coinwatch.marketdata.indicator.PriceSeries;

/**
 * Computes an indicator for a requested window of candles. The candles needed to warm the indicator up are read
 * before the window, so the first value returned is already the converged one (OBV, a running total, is read from
 * the symbol's first candle).
 */
@Component("indicatorQuery")
public class IndicatorQuery {

    /** Values of the answer; when history is too short, how many candles the indicator needs and how many exist. */
    public record Answer(IndicatorResult result, Integer candlesNeeded, Integer candlesAvailable) {
    }

    private final KlineQuery klines;
    private final CandleStore store;

    public IndicatorQuery(KlineQuery klines, CandleStore store) {
        this.klines = klines;
        this.store = store;
    }

    public Answer compute(MarketSymbol symbol, CandleInterval interval, IndicatorRequest request, Long start, Long end, int limit) {
        KlineQuery.Window window = klines.window(interval, start, end, limit);
        if (window.isEmpty()) {
            return new Answer(new IndicatorResult(request.name(), request.params(), List.of()), null, null);
        }
        List<Candle> candles = klines.readRange(symbol.id(), interval, warmupStart(symbol, interval, request, window), window.to());
        long inWindow = candles.stream().filter(c -> c.openTime() >= window.from()).count();
        if (candles.size() <= request.lookback() || inWindow == 0) {
            Integer needed = candles.size() <= request.lookback() ? request.lookback() + 1 : null;
            return new Answer(new IndicatorResult(request.name(), request.params(), List.of()), needed, candles.size());
        }
        IndicatorResult result = request.compute(PriceSeries.fromCandles(candles), window.from());
        return new Answer(result, null, null);
    }

    /** The latest values of an indicator over the last {@code window} stored buckets, as the screen table keeps them. */
    public Map<String, Object> latest(MarketSymbol symbol, CandleInterval interval, IndicatorRequest request, int window) {
        Long last = store.lastOpenTime(symbol.id());
        if (last == null) {
            return null;
        }
        KlineQuery.Window w = klines.window(interval, null, last, window);
        List<Candle> candles = klines.readRange(symbol.id(), interval, w.from(), w.to());
        if (candles.size() <= request.lookback()) {
            return null;
        }
        List<Map<String, Object>> values = request.compute(PriceSeries.fromCandles(candles)).values();
        return values.isEmpty() ? null : new LinkedHashMap<>(values.get(values.size() - 1));
    }

    private static long warmupStart(MarketSymbol symbol, CandleInterval interval, IndicatorRequest request, KlineQuery.Window window) {
        long firstBucket = KlineQuery.bucketOf(symbol.launchTime(), interval.millis());
        if (request.warmup() == Indicator.FULL_HISTORY) {
            return firstBucket;
        }
        return Math.max(firstBucket, window.from() - (long) request.warmup() * interval.millis());
    }
}
