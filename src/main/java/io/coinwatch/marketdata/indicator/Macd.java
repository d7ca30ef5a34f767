package io.coinwatch.marketdata.indicator;

import java.util.List;

import static io.coinwatch.marketdata.indicator.InvalidIndicatorRequestException.INVALID_PARAMETER;

/**
 * MACD with TA-Lib's alignment. TA-Lib does not start the fast EMA at the first close: it seeds it with the SMA of
 * the {@code fast} closes ending at index {@code slow - 1}, so both EMAs produce their first value at the same index
 * and the MACD line starts there. The signal line is an SMA-seeded EMA of the MACD line, histogram = macd - signal,
 * and all three are reported from the first signal value, index {@code slow + signal - 2}.
 *
 * <p>This is why MACD from charting sites that start the fast EMA at index {@code fast - 1} differs in its early
 * values; the difference decays like the fast EMA's seed error.
 */
public final class Macd extends Indicator {

    public static final String NAME = "macd";
    public static final int DEFAULT_FAST = 12;
    public static final int DEFAULT_SLOW = 26;
    public static final int DEFAULT_SIGNAL = 9;

    private final int fast;
    private final int slow;
    private final int signal;

    public Macd(int fast, int slow, int signal) {
        super(NAME, orderedParams("fast", Parameters.requirePeriod("fast", fast),
                        "slow", Parameters.requirePeriod("slow", slow),
                        "signal", Parameters.requirePeriod("signal", signal)),
                firstValueIndex(slow, signal), firstValueIndex(slow, signal) + Warmup.ema(slow) + Warmup.ema(signal));
        if (fast >= slow) {
            throw new InvalidIndicatorRequestException(INVALID_PARAMETER, "Parameter 'fast' (" + fast
                    + ") must be less than 'slow' (" + slow + ").");
        }
        this.fast = fast;
        this.slow = slow;
        this.signal = signal;
    }

    /** The MACD line starts at slow - 1; the signal, and so the output, {@code signal - 1} candles later. */
    private static int firstValueIndex(int slow, int signal) {
        return MovingAverages.firstOutput(slow - 1, signal);
    }

    @Override
    public IndicatorValues compute(PriceSeries series) {
        double[] close = series.close();
        int size = close.length;
        int lineStart = slow - 1;
        double[] fastEma = MovingAverages.ema(close, slow - fast, fast);
        double[] slowEma = MovingAverages.ema(close, 0, slow);
        double[] line = MovingAverages.undefinedBefore(lineStart, size);
        for (int i = lineStart; i < size; i++) {
            line[i] = fastEma[i] - slowEma[i];
        }
        double[] signalLine = MovingAverages.ema(line, lineStart, signal);
        double[] histogram = MovingAverages.undefinedBefore(lookback(), size);
        for (int i = lookback(); i < size; i++) {
            histogram[i] = line[i] - signalLine[i];
        }
        return values(series, List.of("macd", "signal", "histogram"), line, signalLine, histogram);
    }
}
