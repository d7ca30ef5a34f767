package io.coinwatch.marketdata.indicator;

/**
 * Extra candles a recursive average needs after its seed before its value no longer depends on where the series
 * started. Starting later changes only the seed; the difference then shrinks by the factor (1 - k) per candle:
 * <ul>
 *   <li>EMA, k = 2 / (period + 1): ((period - 1) / (period + 1))^(10 period) &le; e^-20 &asymp; 2e-9</li>
 *   <li>Wilder, k = 1 / period: (1 - 1 / period)^(20 period) &le; e^-20 &asymp; 2e-9</li>
 * </ul>
 * A seed off by as much as the whole value (an average gain of a calm window seeding a volatile one) is thus off by
 * about 2e-9 of it at the start: far below 4 decimals of an RSI (0..100) and of any price. No cap is needed: with
 * periods up to 500 the longest warm-up is about 11,000 candles (MACD 500/500), a few hundred kilobytes.
 */
final class Warmup {

    private Warmup() {
    }

    static int ema(int period) {
        return 10 * period;
    }

    static int wilder(int period) {
        return 20 * period;
    }
}
