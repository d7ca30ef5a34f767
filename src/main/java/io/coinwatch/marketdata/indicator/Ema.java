package io.coinwatch.marketdata.indicator;

import java.util.List;
import java.util.Map;

/**
 * Exponential moving average of the close as TA-Lib: seeded with the SMA of the first {@code period} closes,
 * k = 2 / (period + 1), first value at index {@code period - 1}.
 */
public final class Ema extends Indicator {

    public static final String NAME = "ema";
    public static final int DEFAULT_PERIOD = 20;

    private final int period;

    public Ema(int period) {
        super(NAME, Map.of("period", Parameters.requirePeriod("period", period)), period - 1,
                period - 1 + Warmup.ema(period));
        this.period = period;
    }

    @Override
    public IndicatorValues compute(PriceSeries series) {
        return values(series, List.of("value"), MovingAverages.ema(series.close(), 0, period));
    }
}
