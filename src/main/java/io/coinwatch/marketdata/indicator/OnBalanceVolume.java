package io.coinwatch.marketdata.indicator;

import java.util.List;
import java.util.Map;

/**
 * On Balance Volume as TA-Lib: the running total starts at the first candle's volume (StockCharts and others start
 * at 0, so their values are TA-Lib's minus that first volume), then adds the volume of each candle that closed
 * higher than the previous one and subtracts it when it closed lower. Defined from index 0.
 *
 * <p>Being a running total, its level depends on where the series starts, however far back, so its warm-up is
 * {@link Indicator#FULL_HISTORY}.
 */
public final class OnBalanceVolume extends Indicator {

    public static final String NAME = "obv";

    public OnBalanceVolume() {
        super(NAME, Map.of(), 0, FULL_HISTORY);
    }

    @Override
    public IndicatorValues compute(PriceSeries series) {
        double[] close = series.close();
        double[] volume = series.volume();
        int size = close.length;
        double[] obv = new double[size];
        if (size > 0) {
            obv[0] = volume[0];
        }
        for (int i = 1; i < size; i++) {
            double signedVolume = close[i] > close[i - 1] ? volume[i] : close[i] < close[i - 1] ? -volume[i] : 0;
            obv[i] = obv[i - 1] + signedVolume;
        }
        return values(series, List.of("value"), obv);
    }
}
