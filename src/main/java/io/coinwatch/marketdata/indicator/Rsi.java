package io.coinwatch.marketdata.indicator;

import java.util.List;
import java.util.Map;

/**
 * Relative Strength Index with Wilder's smoothing, as TA-Lib: the first average gain and loss are the simple means
 * of the first {@code period} close-to-close changes, so the first value is at index {@code period}.
 *
 * <p>When nothing moved (average gain and loss both zero) the value is 0, as TA-Lib gives. TA-Lib applies that
 * rule whenever gain + loss is below 1e-8 in absolute price units, which silences RSI on coins priced in fractions
 * of a cent; here it applies only to an exact zero, so such coins get their true RSI.
 */
public final class Rsi extends Indicator {

    public static final String NAME = "rsi";
    public static final int DEFAULT_PERIOD = 14;

    private final int period;

    public Rsi(int period) {
        super(NAME, Map.of("period", Parameters.requirePeriod("period", period)), period,
                period + Warmup.wilder(period));
        this.period = period;
    }

    @Override
    public IndicatorValues compute(PriceSeries series) {
        double[] close = series.close();
        int size = close.length;
        double[] gains = new double[size];
        double[] losses = new double[size];
        for (int i = 1; i < size; i++) {
            double change = close[i] - close[i - 1];
            gains[i] = change > 0 ? change : 0;
            losses[i] = change < 0 ? -change : 0;
        }
        double[] averageGain = MovingAverages.wilder(gains, 1, period);
        double[] averageLoss = MovingAverages.wilder(losses, 1, period);
        double[] rsi = MovingAverages.undefinedBefore(period, size);
        for (int i = period; i < size; i++) {
            double total = averageGain[i] + averageLoss[i];
            rsi[i] = total == 0 ? 0 : 100 * (averageGain[i] / total);
        }
        return values(series, List.of("value"), rsi);
    }
}
