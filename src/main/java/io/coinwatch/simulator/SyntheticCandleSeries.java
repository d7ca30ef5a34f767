package io.coinwatch.simulator;

import io.coinwatch.core.model.Candle;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Generated 5m candles: a plausible random walk that is a pure function of (seed, open time), so any page can be served
 * without generating or storing the history before it.
 *
 * <p>Two levels. The price at each UTC midnight (the day's anchor) is an exponentially weighted sum of the daily shocks
 * of the previous {@value #ANCHOR_MEMORY_DAYS} days: it moves like a random walk from day to day, slowly reverts to the
 * reference price (so prices stay positive and in range however long the history), and can be computed for any day
 * directly. Within a day, a generator seeded by (symbol, day) draws 288 steps and bends them into a bridge that ends
 * exactly on the next day's anchor, so candles join seamlessly across midnight. Serving a page costs the page plus at
 * most one day per day it touches; nothing is cached. StrictMath keeps the numbers identical on every JVM.
 */
final class SyntheticCandleSeries implements CandleSeries {

    private static final long DAY = 86_400_000L;
    private static final int CANDLES_PER_DAY = (int) (DAY / FIVE_MINUTES);
    private static final int ANCHOR_MEMORY_DAYS = 120;
    private static final double ANCHOR_PERSISTENCE = 0.97;
    private static final double WICK_SCALE = 0.6;
    private static final int TURNOVER_SCALE = 4;
    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};

    private final long dailyShockSeed;
    private final long intradaySeed;
    private final long launchTime;
    private final double logReferencePrice;
    private final double dailyVolatility;
    private final double dailyTurnover;
    private final int priceScale;
    private final int volumeScale;

    /**
     * @param seed            already specific to the symbol
     * @param dailyVolatility standard deviation of the daily log return
     * @param dailyTurnover   average quote-currency turnover per day
     * @param volumeScale     decimals of the volume (0 for coarse quantity steps)
     */
    SyntheticCandleSeries(long seed, long launchTime, double referencePrice, double dailyVolatility,
                          double dailyTurnover, int priceScale, int volumeScale) {
        this.dailyShockSeed = Seeds.mix(seed, "daily-shocks");
        this.intradaySeed = Seeds.mix(seed, "intraday");
        this.launchTime = launchTime;
        this.logReferencePrice = StrictMath.log(referencePrice);
        this.dailyVolatility = dailyVolatility;
        this.dailyTurnover = dailyTurnover;
        this.priceScale = priceScale;
        this.volumeScale = volumeScale;
    }

    @Override
    public Stream<Candle> candles(long from, long to, boolean newestFirst, long now) {
        long lowest = Math.max(from, launchTime);
        long highest = Math.min(to, now);
        if (lowest > highest) {
            return Stream.empty();
        }
        long first = -Math.floorDiv(-lowest, FIVE_MINUTES) * FIVE_MINUTES;
        long last = Math.floorDiv(highest, FIVE_MINUTES) * FIVE_MINUTES;
        if (first > last) {
            return Stream.empty();
        }
        long firstDay = Math.floorDiv(first, DAY);
        long lastDay = Math.floorDiv(last, DAY);
        return LongStream.rangeClosed(0, lastDay - firstDay)
                .mapToObj(k -> newestFirst ? lastDay - k : firstDay + k)
                .flatMap(day -> candlesOfDay(day, first, last, newestFirst, now));
    }

    private Stream<Candle> candlesOfDay(long day, long first, long last, boolean newestFirst, long now) {
        long dayStart = day * DAY;
        int firstIndex = (int) ((Math.max(first, dayStart) - dayStart) / FIVE_MINUTES);
        int lastIndex = (int) ((Math.min(last, dayStart + DAY - FIVE_MINUTES) - dayStart) / FIVE_MINUTES);
        DayPath path = new DayPath(day);
        return IntStream.rangeClosed(0, lastIndex - firstIndex)
                .map(k -> newestFirst ? lastIndex - k : firstIndex + k)
                .mapToObj(index -> path.candle(index, now));
    }

    private double logAnchor(long day) {
        double weightedShocks = 0;
        double weight = 1;
        for (int back = 1; back <= ANCHOR_MEMORY_DAYS; back++) {
            weightedShocks += weight * Seeds.random(dailyShockSeed, day - back).nextGaussian();
            weight *= ANCHOR_PERSISTENCE;
        }
        return logReferencePrice + dailyVolatility * weightedShocks;
    }

    /** One UTC day of the walk: log prices at each 5m boundary, wick sizes and turnover per candle. */
    private final class DayPath {
        private final long dayStart;
        private final double[] logPrices = new double[CANDLES_PER_DAY + 1];
        private final double[] upperWicks = new double[CANDLES_PER_DAY];
        private final double[] lowerWicks = new double[CANDLES_PER_DAY];
        private final double[] turnovers = new double[CANDLES_PER_DAY];

        DayPath(long day) {
            dayStart = day * DAY;
            double startLog = logAnchor(day);
            double endLog = logAnchor(day + 1);
            SplittableRandom random = Seeds.random(intradaySeed, day);
            double stepVolatility = dailyVolatility / StrictMath.sqrt(CANDLES_PER_DAY);
            for (int i = 1; i <= CANDLES_PER_DAY; i++) {
                logPrices[i] = logPrices[i - 1] + stepVolatility * random.nextGaussian();
            }
            // Bend the free walk into a bridge from this day's anchor to the next one.
            double correction = (endLog - startLog) - logPrices[CANDLES_PER_DAY];
            for (int i = 0; i <= CANDLES_PER_DAY; i++) {
                logPrices[i] = startLog + logPrices[i] + correction * i / CANDLES_PER_DAY;
            }
            for (int i = 0; i < CANDLES_PER_DAY; i++) {
                upperWicks[i] = Math.abs(random.nextGaussian()) * stepVolatility * WICK_SCALE;
                lowerWicks[i] = Math.abs(random.nextGaussian()) * stepVolatility * WICK_SCALE;
                // Log-normal with mean 1 around the average turnover per candle.
                turnovers[i] = dailyTurnover / CANDLES_PER_DAY * StrictMath.exp(0.5 * random.nextGaussian() - 0.125);
            }
        }

        /**
         * The candle at this index. Before it closes, it is the same candle seen part way: the close is the price at
         * the elapsed fraction, wicks and turnover grow with it, so once closed it equals what history serves later.
         */
        Candle candle(int index, long now) {
            long openTime = dayStart + index * FIVE_MINUTES;
            double elapsed = Math.min(1.0, (now - openTime) / (double) FIVE_MINUTES);
            double logOpen = logPrices[index];
            double logClose = logOpen + elapsed * (logPrices[index + 1] - logOpen);
            double logHigh = Math.max(logOpen, logClose) + elapsed * upperWicks[index];
            double logLow = Math.min(logOpen, logClose) - elapsed * lowerWicks[index];
            BigDecimal open = price(logOpen);
            BigDecimal high = price(logHigh);
            BigDecimal low = price(logLow);
            BigDecimal close = price(logClose);
            double typicalPrice = (high.doubleValue() + low.doubleValue() + close.doubleValue()) / 3;
            BigDecimal volume = rounded(elapsed * turnovers[index] / typicalPrice, volumeScale, 0);
            BigDecimal turnover = rounded(volume.doubleValue() * typicalPrice, TURNOVER_SCALE, 0);
            return new Candle(openTime, open, high, low, close, volume, turnover);
        }

        /** Rounding is monotonic, so high >= max(open, close) >= min(open, close) >= low survives it; never below a tick. */
        private BigDecimal price(double logPrice) {
            return rounded(StrictMath.exp(logPrice), priceScale, 1);
        }
    }

    /**
     * The value rounded half up to {@code scale} decimals (at least {@code minUnits} of the last one), without trailing
     * zeros as Bybit prints numbers ("17071", "0.0001234"), never in exponent form. Done on a long of units: going
     * through BigDecimal.valueOf(double) (Double.toString) and stripTrailingZeros was most of the simulator's CPU,
     * which the ingest benchmark shares with the pipeline it measures. Exact for the magnitudes simulated (units below 2^53).
     */
    static BigDecimal rounded(double value, int scale, long minUnits) {
        long units = Math.max(minUnits, Math.round(value * POWERS_OF_TEN[scale]));
        int digits = scale;
        while (digits > 0 && units % 10 == 0) {
            units /= 10;
            digits--;
        }
        return BigDecimal.valueOf(units, digits);
    }
}
