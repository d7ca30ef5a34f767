package io.coinwatch.marketdata.indicator;

import java.util.List;
import java.util.Map;

/** Simple moving average of the close; first value at index {@code period - 1}. */
public final class Sma extends Indicator {

    public static final String NAME = "sma";
    public static final int DEFAULT_PERIOD = 20;

    private final int period;

    public Sma(int period) {
        super(NAME, Map.of("period", Parameters.requirePeriod("period", period)), period - 1, period - 1);
        this.period = period;
    }

    @Override
    public IndicatorValues compute(PriceSeries series) {
        return values(series, List.of("value"), MovingAverages.sma(series.close(), 0, period));
    }
}
