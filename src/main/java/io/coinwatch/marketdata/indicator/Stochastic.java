package io.coinwatch.marketdata.indicator;

import java.util.List;

/**
 * Slow Stochastic as TA-Lib's STOCH with its default SMA smoothing. Fast %K = 100 x (close - lowest low) /
 * (highest high - lowest low) over {@code period} candles (0 when the range is empty, as TA-Lib); k = SMA of fast
 * %K over {@code slowk}; d = SMA of k over {@code slowd}. Both are reported from index
 * {@code period + slowk + slowd - 3}. The %K and %D of a "fast" stochastic (e.g. StockCharts' table) are the fast
 * %K here and this k.
 */
public final class Stochastic extends Indicator {

    public static final String NAME = "stoch";
    public static final int DEFAULT_PERIOD = 14;
    public static final int DEFAULT_SLOWK = 3;
    public static final int DEFAULT_SLOWD = 3;

    private final int period;
    private final int slowk;
    private final int slowd;

    public Stochastic(int period, int slowk, int slowd) {
        super(NAME, orderedParams("period", Parameters.requirePeriod("period", period),
                        "slowk", Parameters.requirePeriod("slowk", slowk),
                        "slowd", Parameters.requirePeriod("slowd", slowd)),
                firstValueIndex(period, slowk, slowd), firstValueIndex(period, slowk, slowd));
        this.period = period;
        this.slowk = slowk;
        this.slowd = slowd;
    }

    /** Fast %K starts at period - 1, k {@code slowk - 1} candles later, d another {@code slowd - 1} later. */
    private static int firstValueIndex(int period, int slowk, int slowd) {
        return (period - 1) + (slowk - 1) + (slowd - 1);
    }

    @Override
    public IndicatorValues compute(PriceSeries series) {
        double[] fastK = fastK(series.high(), series.low(), series.close(), period);
        double[] k = MovingAverages.sma(fastK, period - 1, slowk);
        double[] d = MovingAverages.sma(k, MovingAverages.firstOutput(period - 1, slowk), slowd);
        return values(series, List.of("k", "d"), k, d);
    }

    /** Fast %K, defined from index {@code period - 1}. */
    static double[] fastK(double[] high, double[] low, double[] close, int period) {
        double[] highest = rollingExtreme(high, period, 1);
        double[] lowest = rollingExtreme(low, period, -1);
        double[] fastK = MovingAverages.undefinedBefore(period - 1, close.length);
        for (int i = period - 1; i < close.length; i++) {
            // TA-Lib's operation order, (close - lowest) / (range / 100), keeps the last bits equal
            double onePercentOfRange = (highest[i] - lowest[i]) / 100.0;
            fastK[i] = onePercentOfRange != 0 ? (close[i] - lowest[i]) / onePercentOfRange : 0;
        }
        return fastK;
    }

    /**
     * Highest ({@code sign} 1) or lowest ({@code sign} -1) value of each window of {@code period} values, from
     * index {@code period - 1}. The window's extreme is kept and rescanned only when it slides out, so a trending
     * series costs O(n) rather than O(n x period).
     */
    private static double[] rollingExtreme(double[] values, int period, double sign) {
        double[] extreme = new double[values.length];
        int extremeIndex = -1;
        for (int i = period - 1; i < values.length; i++) {
            int windowStart = i - period + 1;
            if (extremeIndex < windowStart) {
                extremeIndex = windowStart;
                for (int j = windowStart + 1; j <= i; j++) {
                    if (sign * values[j] >= sign * values[extremeIndex]) {
                        extremeIndex = j;
                    }
                }
            } else if (sign * values[i] >= sign * values[extremeIndex]) {
                extremeIndex = i;
            }
            extreme[i] = values[extremeIndex];
        }
        return extreme;
    }
}
