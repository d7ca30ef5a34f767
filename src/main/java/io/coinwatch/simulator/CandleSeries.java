package io.coinwatch.simulator;

import io.coinwatch.core.model.Candle;

import java.util.stream.Stream;

/** The 5-minute candles one exchange symbol has, whether generated or replayed from a file. */
interface CandleSeries {

    long FIVE_MINUTES = 300_000L;

    /**
     * Candles with openTime in [from, to] and not after {@code now}, oldest first or, with {@code newestFirst}, newest
     * first. The candle that opened at or before {@code now} but has not closed yet is included with its close at the
     * last price, as Bybit and Binance serve it. The stream is lazy: a caller that stops after a page pays for the page.
     */
    Stream<Candle> candles(long from, long to, boolean newestFirst, long now);
}
