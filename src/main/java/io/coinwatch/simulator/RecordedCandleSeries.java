package io.coinwatch.simulator;

import io.coinwatch.core.model.Candle;

import java.util.NavigableMap;
import java.util.stream.Stream;

/** Candles replayed exactly as recorded: a missing row stays missing; only rows not after "now" are served. */
final class RecordedCandleSeries implements CandleSeries {

    private final NavigableMap<Long, Candle> byOpenTime;

    RecordedCandleSeries(NavigableMap<Long, Candle> byOpenTime) {
        this.byOpenTime = byOpenTime;
    }

    @Override
    public Stream<Candle> candles(long from, long to, boolean newestFirst, long now) {
        long last = Math.min(to, now);
        if (from > last) {
            return Stream.empty();
        }
        NavigableMap<Long, Candle> window = byOpenTime.subMap(from, true, last, true);
        return (newestFirst ? window.descendingMap() : window).values().stream();
    }
}
