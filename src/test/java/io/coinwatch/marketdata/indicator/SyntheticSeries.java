package io.coinwatch.marketdata.indicator;

import io.coinwatch.core.model.Candle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic 5-minute candles for tests and the benchmark: a geometric random walk with realistic wicks and
 * volumes, optionally with quiet stretches where nothing trades (equal closes, high = low) so the zero-change and
 * zero-range paths are exercised.
 */
final class SyntheticSeries {

    static final long FIVE_MINUTES = 300_000L;
    /** 2024-01-01T00:00:00Z. */
    static final long START = 1_704_067_200_000L;

    private static final int QUIET_EVERY = 997;
    private static final int QUIET_LENGTH = 20;

    private SyntheticSeries() {
    }

    static PriceSeries randomWalk(long seed, int size, double startPrice) {
        return generate(seed, size, startPrice, false);
    }

    /** A random walk in which the last 20 of every 997 candles do not trade. */
    static PriceSeries randomWalkWithQuietStretches(long seed, int size, double startPrice) {
        return generate(seed, size, startPrice, true);
    }

    private static PriceSeries generate(long seed, int size, double startPrice, boolean quietStretches) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Candle> candles = new ArrayList<>(size);
        double price = startPrice;
        for (int i = 0; i < size; i++) {
            long openTime = START + i * FIVE_MINUTES;
            double open = price;
            if (quietStretches && i % QUIET_EVERY >= QUIET_EVERY - QUIET_LENGTH) {
                candles.add(candle(openTime, open, open, open, open, 0));
                continue;
            }
            price *= Math.exp(0.002 * gaussian(random));
            double high = Math.max(open, price) * (1 + 0.001 * Math.abs(gaussian(random)));
            double low = Math.min(open, price) * (1 - 0.001 * Math.abs(gaussian(random)));
            candles.add(candle(openTime, open, high, low, price, Math.round(1000 * Math.exp(gaussian(random)))));
        }
        return PriceSeries.fromCandles(candles);
    }

    private static Candle candle(long openTime, double open, double high, double low, double close, double volume) {
        return new Candle(openTime, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), new BigDecimal(volume), new BigDecimal(close * volume));
    }

    /** The candles from index {@code from} (inclusive) to {@code to} (exclusive), as the gateway would read them. */
    static PriceSeries slice(PriceSeries series, int from, int to) {
        return PriceSeries.of(Arrays.copyOfRange(series.openTime(), from, to),
                Arrays.copyOfRange(series.open(), from, to),
                Arrays.copyOfRange(series.high(), from, to),
                Arrays.copyOfRange(series.low(), from, to),
                Arrays.copyOfRange(series.close(), from, to),
                Arrays.copyOfRange(series.volume(), from, to));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
