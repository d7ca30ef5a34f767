package io.coinwatch.marketdata.indicator;

import java.util.List;
import java.util.Map;

/**
 * Average True Range as TA-Lib: the true range starts at index 1 (it needs the previous close), the first ATR is
 * the mean of the first {@code period} true ranges and Wilder's smoothing follows, so the first value is at index
 * {@code period}. StockCharts' table instead counts the first candle's high - low as a true range and starts one
 * candle earlier; the two converge like any Wilder average with different seeds.
 */
public final class AverageTrueRange extends Indicator {

    public static final String NAME = "atr";
    public static final int DEFAULT_PERIOD = 14;

    private final int period;

    public AverageTrueRange(int period) {
        super(NAME, Map.of("period", Parameters.requirePeriod("period", period)), period,
                period + Warmup.wilder(period));
        this.period = period;
    }

    @Override
    public IndicatorValues compute(PriceSeries series) {
        return values(series, List.of("value"),
                MovingAverages.wilder(trueRange(series.high(), series.low(), series.close()), 1, period));
    }

    /** max(high - low, |high - previous close|, |low - previous close|), from index 1; index 0 is left 0. */
    static double[] trueRange(double[] high, double[] low, double[] close) {
        double[] trueRange = new double[close.length];
        for (int i = 1; i < close.length; i++) {
            double previousClose = close[i - 1];
            trueRange[i] = Math.max(high[i] - low[i],
                    Math.max(Math.abs(high[i] - previousClose), Math.abs(low[i] - previousClose)));
        }
        return trueRange;
    }
}
