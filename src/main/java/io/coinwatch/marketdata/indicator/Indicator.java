package io.coinwatch.marketdata.indicator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One technical indicator with its parameters, computed with TA-Lib's semantics (Wilder RSI, SMA-seeded EMA,
 * TA-Lib's MACD alignment, population standard deviation) so values match what traders compare against.
 * Instances are immutable, validate their parameters on construction and equal each other when name and
 * parameters are equal (usable as a cache key).
 */
public abstract sealed class Indicator
        permits Rsi, Macd, BollingerBands, Sma, Ema, OnBalanceVolume, AverageTrueRange, Stochastic {

    /**
     * {@link #warmup()} of an indicator that never forgets its start (OBV is a running total): read from the first
     * stored candle. As a candle count it is {@link Integer#MAX_VALUE}, so {@code start - warmup * intervalMillis}
     * computed in {@code long} lies before any candle.
     */
    public static final int FULL_HISTORY = Integer.MAX_VALUE;

    private final String name;
    private final Map<String, Object> params;
    private final int lookback;
    private final int warmup;

    Indicator(String name, Map<String, Object> params, int lookback, int warmup) {
        this.name = name;
        this.params = params;
        this.lookback = lookback;
        this.warmup = warmup;
    }

    /** Parameters in the order given, as alternating names and values. */
    static Map<String, Object> orderedParams(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(params);
    }

    /** The name used in the API path, e.g. "rsi". */
    public final String name() {
        return name;
    }

    /** The parameters actually used, by API name, in a stable order, for the JSON "params" object. */
    public final Map<String, Object> params() {
        return params;
    }

    /** Candles before the first output value (TA-Lib's lookback): the first value is at series index lookback. */
    public final int lookback() {
        return lookback;
    }

    /**
     * Candles to read before a requested start so that the value at the start equals, to well below 4 decimals,
     * the value computed over the whole history. For indicators over a fixed window (SMA, Bollinger Bands,
     * Stochastic) this is exactly the lookback. For the recursive ones (EMA, MACD, RSI, ATR) the lookback is not
     * enough: their first value is a seed (an SMA) whose difference from the whole-history value decays only
     * geometrically, so they read {@link Warmup} extra candles. OBV returns {@link #FULL_HISTORY}.
     */
    public final int warmup() {
        return warmup;
    }

    public abstract IndicatorValues compute(PriceSeries series);

    /** Wraps an implementation's output columns, each defined from index {@link #lookback()}. */
    final IndicatorValues values(PriceSeries series, List<String> fields, double[]... columns) {
        return new IndicatorValues(series.openTime(), lookback, fields, columns);
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof Indicator indicator && name.equals(indicator.name) && params.equals(indicator.params);
    }

    @Override
    public final int hashCode() {
        return 31 * name.hashCode() + params.hashCode();
    }

    @Override
    public final String toString() {
        return name + params;
    }
}
