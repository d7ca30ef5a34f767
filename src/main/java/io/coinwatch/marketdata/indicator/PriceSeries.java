package io.coinwatch.marketdata.indicator;

import io.coinwatch.core.model.Candle;

import java.util.List;

/**
 * OHLCV candles of one symbol and interval as primitive arrays, ascending by open time: the input of every
 * indicator. Arrays keep the hot loops free of boxing and BigDecimal arithmetic.
 *
 * <p>The series takes ownership of the arrays it is given and never changes them; callers must not change them
 * afterwards either (copying a year of 5m candles on every request would cost more than the indicators).
 */
public final class PriceSeries {

    private final long[] openTime;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    private PriceSeries(long[] openTime, double[] open, double[] high, double[] low, double[] close,
                        double[] volume) {
        this.openTime = openTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
    }

    /**
     * @throws IllegalArgumentException when the arrays differ in length or the open times are not strictly ascending
     */
    public static PriceSeries of(long[] openTime, double[] open, double[] high, double[] low, double[] close,
                                 double[] volume) {
        int size = openTime.length;
        if (open.length != size || high.length != size || low.length != size || close.length != size
                || volume.length != size) {
            throw new IllegalArgumentException("openTime, open, high, low, close and volume must have the same length");
        }
        for (int i = 1; i < size; i++) {
            if (openTime[i] <= openTime[i - 1]) {
                throw new IllegalArgumentException("open times must be strictly ascending, but index " + i + " ("
                        + openTime[i] + ") does not follow " + openTime[i - 1]);
            }
        }
        return new PriceSeries(openTime, open, high, low, close, volume);
    }

    /** Converts candles (ascending by open time) to doubles once, so indicators never touch BigDecimal. */
    public static PriceSeries fromCandles(List<Candle> candles) {
        int size = candles.size();
        long[] openTime = new long[size];
        double[] open = new double[size];
        double[] high = new double[size];
        double[] low = new double[size];
        double[] close = new double[size];
        double[] volume = new double[size];
        for (int i = 0; i < size; i++) {
            Candle candle = candles.get(i);
            openTime[i] = candle.openTime();
            open[i] = candle.open().doubleValue();
            high[i] = candle.high().doubleValue();
            low[i] = candle.low().doubleValue();
            close[i] = candle.close().doubleValue();
            volume[i] = candle.volume().doubleValue();
        }
        return of(openTime, open, high, low, close, volume);
    }

    public int size() {
        return openTime.length;
    }

    long[] openTime() {
        return openTime;
    }

    double[] open() {
        return open;
    }

    double[] high() {
        return high;
    }

    double[] low() {
        return low;
    }

    double[] close() {
        return close;
    }

    double[] volume() {
        return volume;
    }
}
