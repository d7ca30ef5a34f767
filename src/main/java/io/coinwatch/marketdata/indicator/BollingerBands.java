package io.coinwatch.marketdata.indicator;

import java.util.List;

/**
 * Bollinger Bands as TA-Lib with its default SMA: middle = SMA of the close, upper/lower = middle +- stddev x the
 * POPULATION standard deviation of the same window (divide by period, not period - 1, as Bollinger and TA-Lib do),
 * bandwidth = (upper - lower) / middle. First value at index {@code period - 1}.
 *
 * <p>The deviation is summed around each window's mean rather than taken as E[x^2] - E[x]^2 as TA-Lib does: that
 * form cancels catastrophically when the price is large against its spread, and TA-Lib additionally reports a
 * deviation of 0 whenever the variance is below 1e-8 in absolute units, which collapses the bands of coins priced
 * below about a cent. Elsewhere both agree to rounding. The price is {@code period} operations per value (a year of
 * 5m candles at period 500 is about 50 million, 60-90 ms on a shared 2-core machine), paid for exactness.
 */
public final class BollingerBands extends Indicator {

    public static final String NAME = "bbands";
    public static final int DEFAULT_PERIOD = 20;
    public static final double DEFAULT_STDDEV = 2.0;

    private final int period;
    private final double stddev;

    public BollingerBands(int period, double stddev) {
        super(NAME, orderedParams("period", Parameters.requirePeriod("period", period),
                "stddev", Parameters.requirePositive("stddev", stddev)), period - 1, period - 1);
        this.period = period;
        this.stddev = stddev;
    }

    @Override
    public IndicatorValues compute(PriceSeries series) {
        double[] close = series.close();
        int size = close.length;
        double[] middle = MovingAverages.sma(close, 0, period);
        double[] upper = MovingAverages.undefinedBefore(lookback(), size);
        double[] lower = MovingAverages.undefinedBefore(lookback(), size);
        double[] bandwidth = MovingAverages.undefinedBefore(lookback(), size);
        for (int i = lookback(); i < size; i++) {
            double mean = middle[i];
            double squares = 0;
            for (int j = i - period + 1; j <= i; j++) {
                double deviation = close[j] - mean;
                squares += deviation * deviation;
            }
            double width = stddev * Math.sqrt(squares / period);
            upper[i] = mean + width;
            lower[i] = mean - width;
            bandwidth[i] = (upper[i] - lower[i]) / mean;
        }
        return values(series, List.of("upper", "middle", "lower", "bandwidth"), upper, middle, lower, bandwidth);
    }
}
