package io.coinwatch.marketdata.indicator;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's ta4j side: the same eight indicators at the same defaults (14 output series) with ta4j 0.24 and
 * DoubleNum. Kept apart from {@link IndicatorsBenchmark} because ta4j 0.24 is compiled for Java 25: nothing here is
 * loaded when the benchmark runs on the project's Java 17 without ta4j.
 */
final class Ta4jIndicators {

    private final BarSeries bars;

    private Ta4jIndicators(BarSeries bars) {
        this.bars = bars;
    }

    /** Converts the candles to a ta4j series (not part of the timed work, reported separately). */
    static Ta4jIndicators over(PriceSeries series) {
        BarSeries bars = new BaseBarSeriesBuilder().withName("benchmark")
                .withNumFactory(DoubleNumFactory.getInstance()).build();
        Duration fiveMinutes = Duration.ofMillis(SyntheticSeries.FIVE_MINUTES);
        for (int i = 0; i < series.size(); i++) {
            bars.barBuilder()
                    .timePeriod(fiveMinutes)
                    .endTime(Instant.ofEpochMilli(series.openTime()[i]).plus(fiveMinutes))
                    .openPrice(series.open()[i])
                    .highPrice(series.high()[i])
                    .lowPrice(series.low()[i])
                    .closePrice(series.close()[i])
                    .volume(series.volume()[i])
                    .add();
        }
        return new Ta4jIndicators(bars);
    }

    /**
     * Computes every value of the eight indicators with fresh indicator instances, so nothing comes from ta4j's
     * caches of an earlier round; returns the number of defined values (ta4j reports NaN in the unstable period).
     */
    long computeAll() {
        List<Indicator<Num>> outputs = new ArrayList<>(sevenWithoutStochastic());
        SMAIndicator slowK = new SMAIndicator(new StochasticOscillatorKIndicator(bars, 14), 3);
        outputs.add(slowK);
        outputs.add(new SMAIndicator(slowK, 3));
        return countDefined(outputs);
    }

    /**
     * The same without the stochastic, whose %K dominates ta4j's time (most of a round in 0.24 as in 0.21), to
     * show the comparison does not hinge on that one indicator.
     */
    long computeAllButStochastic() {
        return countDefined(sevenWithoutStochastic());
    }

    private List<Indicator<Num>> sevenWithoutStochastic() {
        ClosePriceIndicator close = new ClosePriceIndicator(bars);
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, 20);
        Num two = bars.numFactory().numOf(2);
        BollingerBandsUpperIndicator upper = new BollingerBandsUpperIndicator(middle, deviation, two);
        BollingerBandsLowerIndicator lower = new BollingerBandsLowerIndicator(middle, deviation, two);
        return List.of(
                new RSIIndicator(close, 14),
                macd, macd.getSignalLine(9), macd.getHistogram(9),
                upper, middle, lower, new BollingerBandWidthIndicator(upper, middle, lower),
                new SMAIndicator(close, 20),
                new EMAIndicator(close, 20),
                new OnBalanceVolumeIndicator(bars),
                new ATRIndicator(bars, 14));
    }

    private long countDefined(List<Indicator<Num>> outputs) {
        long defined = 0;
        for (Indicator<Num> output : outputs) {
            for (int i = bars.getBeginIndex(); i <= bars.getEndIndex(); i++) {
                if (!Double.isNaN(output.getValue(i).doubleValue())) {
                    defined++;
                }
            }
        }
        return defined;
    }
}
