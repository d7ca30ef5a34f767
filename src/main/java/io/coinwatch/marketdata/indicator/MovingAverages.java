package io.coinwatch.marketdata.indicator;

import java.util.Arrays;

/**
 * The averaging steps the indicators share, with TA-Lib's seeding. Each takes an input that is defined from index
 * {@code first} on (earlier slots are ignored, typically NaN) and returns an array of the input's length that is NaN
 * before the first output, so results can be chained: the MACD signal is an EMA of the MACD line, the slow %D an SMA
 * of the slow %K.
 */
final class MovingAverages {

    private MovingAverages() {
    }

    /** Index of the first output of an average over {@code period} values of an input defined from {@code first}. */
    static int firstOutput(int first, int period) {
        return first + period - 1;
    }

    /** Simple moving average, kept as a running sum like TA-Lib (one add and one subtract per value). */
    static double[] sma(double[] in, int first, int period) {
        int firstOut = firstOutput(first, period);
        double[] out = undefinedBefore(firstOut, in.length);
        if (firstOut >= in.length) {
            return out;
        }
        double sum = 0;
        for (int i = first; i < firstOut; i++) {
            sum += in[i];
        }
        for (int i = firstOut; i < in.length; i++) {
            sum += in[i];
            out[i] = sum / period;
            sum -= in[i - period + 1];
        }
        return out;
    }

    /** Exponential moving average, k = 2 / (period + 1), seeded with the SMA of its first {@code period} inputs. */
    static double[] ema(double[] in, int first, int period) {
        return smoothed(in, first, period, 2.0 / (period + 1));
    }

    /**
     * Wilder's smoothing (RSI, ATR): avg = (prev * (period - 1) + x) / period, i.e. an exponential average with
     * k = 1 / period, seeded with the SMA of its first {@code period} inputs.
     */
    static double[] wilder(double[] in, int first, int period) {
        return smoothed(in, first, period, 1.0 / period);
    }

    private static double[] smoothed(double[] in, int first, int period, double k) {
        int firstOut = firstOutput(first, period);
        double[] out = undefinedBefore(firstOut, in.length);
        if (firstOut >= in.length) {
            return out;
        }
        double sum = 0;
        for (int i = first; i <= firstOut; i++) {
            sum += in[i];
        }
        double average = sum / period;
        out[firstOut] = average;
        for (int i = firstOut + 1; i < in.length; i++) {
            average += (in[i] - average) * k;
            out[i] = average;
        }
        return out;
    }

    /** An output array whose slots before {@code firstOut} are NaN, the rest left for the caller to fill. */
    static double[] undefinedBefore(int firstOut, int length) {
        double[] out = new double[length];
        Arrays.fill(out, 0, Math.min(firstOut, length), Double.NaN);
        return out;
    }
}
