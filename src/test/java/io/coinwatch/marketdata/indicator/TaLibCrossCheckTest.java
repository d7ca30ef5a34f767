package io.coinwatch.marketdata.indicator;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every indicator against the TA-Lib Java port (com.tictactec:ta-lib 0.4.0, the reference semantics) on a few
 * thousand synthetic candles at three price scales, for the defaults and other parameter sets: same first index,
 * same count, values equal to 1e-9 relative (absolute below 1).
 *
 * <p>Where the two differ on purpose (TA-Lib's absolute 1e-8 zero threshold, its E[x^2] - E[x]^2 variance) the
 * tests at the end show the difference and why ours is the right value. For the same reason the Bollinger cases use
 * windows of 5 candles or more: two candles at 30,000 that barely differ are exactly where TA-Lib's variance loses
 * its digits.
 */
class TaLibCrossCheckTest {

    private static final double TOLERANCE = 1e-9;
    private static final Core TA_LIB = new Core();
    private static final List<PriceSeries> SERIES = List.of(
            SyntheticSeries.randomWalk(1, 5000, 30_000),
            SyntheticSeries.randomWalk(2, 5000, 1.25),
            SyntheticSeries.randomWalk(3, 3000, 250));
    /** At a price where TA-Lib's 1e-8 threshold is never reached even after 20 candles without a trade. */
    private static final PriceSeries QUIET = SyntheticSeries.randomWalkWithQuietStretches(5, 5000, 30_000);

    /** Runs one TA-Lib function over a whole series and returns its outputs by our field names. */
    @FunctionalInterface
    interface TaLibCall {
        Map<String, double[]> run(PriceSeries series, MInteger begin, MInteger count);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                rsi(14), rsi(2), rsi(7), rsi(50), rsi(200),
                ema(20), ema(2), ema(9), ema(100),
                sma(20), sma(2), sma(50), sma(500),
                macd(12, 26, 9), macd(2, 3, 2), macd(5, 35, 5), macd(50, 100, 30),
                bbands(20, 2), bbands(5, 1), bbands(50, 2.5), bbands(10, 0.5),
                obv(),
                atr(14), atr(2), atr(30),
                stoch(14, 3, 3), stoch(5, 3, 3), stoch(21, 5, 4), stoch(2, 2, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTaLib(Indicator indicator, TaLibCall taLib) {
        for (PriceSeries series : SERIES) {
            assertMatches(indicator, taLib, series);
        }
    }

    /**
     * Candles without trades: zero changes (RSI), empty ranges (Stochastic), unchanged closes (OBV). Bollinger
     * Bands are left out: see {@link #quietWindowsKeepExactBandsWhereTaLibLosesDigits()}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTaLibThroughStretchesWithoutTrades(Indicator indicator, TaLibCall taLib) {
        if (!(indicator instanceof BollingerBands)) {
            assertMatches(indicator, taLib, QUIET);
        }
    }

    @Test
    void tooShortASeriesHasNoValuesLikeTaLib() {
        PriceSeries nine = SyntheticSeries.slice(SERIES.get(0), 0, 9);
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        TA_LIB.rsi(0, 8, nine.close(), 14, begin, count, new double[9]);

        IndicatorValues rsi = new Rsi(14).compute(nine);

        assertEquals(0, count.value);
        assertEquals(0, rsi.size());
        assertEquals(9, rsi.firstIndex());
    }

    @Test
    void flatStartGivesTaLibsZeroRsiAndStochastic() {
        int size = 60;
        double[] close = new double[size];
        Arrays.fill(close, 100.0);
        for (int i = 40; i < size; i++) {
            close[i] = 100.0 + (i % 3);
        }
        PriceSeries series = PriceSeries.of(openTimes(size), close, close, close, close, new double[size]);

        assertTrue(Arrays.stream(new Rsi(14).compute(series).column("value")).limit(20).allMatch(v -> v == 0));
        assertTrue(Arrays.stream(new Stochastic(14, 3, 3).compute(series).column("k")).limit(10)
                .allMatch(v -> v == 0));
        for (Arguments arguments : List.of(rsi(14), stoch(14, 3, 3))) {
            assertMatches((Indicator) arguments.get()[0], (TaLibCall) arguments.get()[1], series);
        }
    }

    /**
     * The one deliberate difference: TA-Lib treats a gain + loss (RSI) or variance (BBANDS) below 1e-8 in absolute
     * units as zero, which flattens both on coins priced far below a cent. RSI does not depend on the price scale
     * and the bands scale with it, so the true values there are TA-Lib's on the same candles scaled up.
     */
    @Test
    void subCentPricesKeepTheirRsiAndBandsWhereTaLibFlattensThem() {
        double scale = 1e8;
        PriceSeries tiny = SyntheticSeries.randomWalk(4, 2000, 2e-6);
        double[] scaledClose = Arrays.stream(tiny.close()).map(c -> c * scale).toArray();
        int last = tiny.size() - 1;
        MInteger begin = new MInteger();
        MInteger count = new MInteger();

        double[] taLibTinyRsi = new double[tiny.size()];
        TA_LIB.rsi(0, last, tiny.close(), 14, begin, count, taLibTinyRsi);
        assertTrue(Arrays.stream(taLibTinyRsi, 0, count.value).allMatch(v -> v == 0), "TA-Lib flattens RSI");
        double[] taLibScaledRsi = new double[tiny.size()];
        TA_LIB.rsi(0, last, scaledClose, 14, begin, count, taLibScaledRsi);
        assertClose("rsi", Arrays.copyOf(taLibScaledRsi, count.value), new Rsi(14).compute(tiny).column("value"));

        double[] upper = new double[tiny.size()];
        double[] middle = new double[tiny.size()];
        double[] lower = new double[tiny.size()];
        TA_LIB.bbands(0, last, tiny.close(), 20, 2, 2, MAType.Sma, begin, count, upper, middle, lower);
        assertTrue(Arrays.equals(upper, 0, count.value, middle, 0, count.value), "TA-Lib collapses the bands");
        TA_LIB.bbands(0, last, scaledClose, 20, 2, 2, MAType.Sma, begin, count, upper, middle, lower);
        double[] ourUpper = new BollingerBands(20, 2).compute(tiny).column("upper");
        assertClose("upper", Arrays.copyOf(upper, count.value), Arrays.stream(ourUpper).map(u -> u * scale).toArray());
    }

    /**
     * TA-Lib keeps the variance as a running E[x^2] - E[x]^2: when a window barely moves against a large price the
     * subtraction cancels most digits (and drifts with the running sums), while ours sums squared deviations from
     * the window's mean. Against an exact decimal reference ours stays within 1e-9, TA-Lib does not.
     */
    @Test
    void quietWindowsKeepExactBandsWhereTaLibLosesDigits() {
        int period = 2;
        double[] close = QUIET.close();
        double[] upper = output(QUIET);
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        TA_LIB.bbands(0, last(QUIET), close, period, 1, 1, MAType.Sma, begin, count, upper, output(QUIET),
                output(QUIET));
        double[] ours = new BollingerBands(period, 1).compute(QUIET).column("upper");

        double worstOurs = 0;
        double worstTaLib = 0;
        for (int i = 0; i < count.value; i++) {
            double exact = exactUpperBand(close, i + begin.value, period);
            worstOurs = Math.max(worstOurs, Math.abs(ours[i] - exact) / exact);
            worstTaLib = Math.max(worstTaLib, Math.abs(upper[i] - exact) / exact);
        }
        assertTrue(worstOurs <= TOLERANCE, "ours off by " + worstOurs);
        assertTrue(worstTaLib > TOLERANCE, "TA-Lib off by " + worstTaLib);
    }

    /** Mean + 1 population standard deviation of the window ending at {@code end}, in exact decimal arithmetic. */
    private static double exactUpperBand(double[] close, int end, int period) {
        MathContext context = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = end - period + 1; j <= end; j++) {
            sum = sum.add(new BigDecimal(close[j]));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(period), context);
        BigDecimal squares = BigDecimal.ZERO;
        for (int j = end - period + 1; j <= end; j++) {
            BigDecimal deviation = new BigDecimal(close[j]).subtract(mean);
            squares = squares.add(deviation.multiply(deviation));
        }
        return mean.add(squares.divide(BigDecimal.valueOf(period), context).sqrt(context)).doubleValue();
    }

    private static void assertMatches(Indicator indicator, TaLibCall taLib, PriceSeries series) {
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        Map<String, double[]> expected = taLib.run(series, begin, count);
        IndicatorValues actual = indicator.compute(series);

        assertEquals(begin.value, actual.firstIndex(), indicator + " first index");
        assertEquals(count.value, actual.size(), indicator + " count");
        assertEquals(List.copyOf(expected.keySet()), actual.fields(), indicator + " fields");
        for (Map.Entry<String, double[]> field : expected.entrySet()) {
            assertClose(indicator + " " + field.getKey(), Arrays.copyOf(field.getValue(), count.value),
                    actual.column(field.getKey()));
        }
    }

    private static void assertClose(String label, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, label + " length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= TOLERANCE * Math.max(1, Math.abs(expected[i])))) {
                fail(label + " at output " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    private static long[] openTimes(int size) {
        long[] openTime = new long[size];
        for (int i = 0; i < size; i++) {
            openTime[i] = SyntheticSeries.START + i * SyntheticSeries.FIVE_MINUTES;
        }
        return openTime;
    }

    private static Arguments rsi(int period) {
        return oneOutput(new Rsi(period), (s, b, c, out) -> TA_LIB.rsi(0, last(s), s.close(), period, b, c, out));
    }

    private static Arguments ema(int period) {
        return oneOutput(new Ema(period), (s, b, c, out) -> TA_LIB.ema(0, last(s), s.close(), period, b, c, out));
    }

    private static Arguments sma(int period) {
        return oneOutput(new Sma(period), (s, b, c, out) -> TA_LIB.sma(0, last(s), s.close(), period, b, c, out));
    }

    private static Arguments obv() {
        return oneOutput(new OnBalanceVolume(),
                (s, b, c, out) -> TA_LIB.obv(0, last(s), s.close(), s.volume(), b, c, out));
    }

    private static Arguments atr(int period) {
        return oneOutput(new AverageTrueRange(period),
                (s, b, c, out) -> TA_LIB.atr(0, last(s), s.high(), s.low(), s.close(), period, b, c, out));
    }

    private static Arguments macd(int fast, int slow, int signal) {
        return Arguments.of(new Macd(fast, slow, signal), (TaLibCall) (s, b, c) -> {
            double[] line = output(s);
            double[] signalLine = output(s);
            double[] histogram = output(s);
            check(TA_LIB.macd(0, last(s), s.close(), fast, slow, signal, b, c, line, signalLine, histogram));
            return fields("macd", line, "signal", signalLine, "histogram", histogram);
        });
    }

    private static Arguments bbands(int period, double stddev) {
        return Arguments.of(new BollingerBands(period, stddev), (TaLibCall) (s, b, c) -> {
            double[] upper = output(s);
            double[] middle = output(s);
            double[] lower = output(s);
            check(TA_LIB.bbands(0, last(s), s.close(), period, stddev, stddev, MAType.Sma, b, c, upper, middle,
                    lower));
            double[] bandwidth = output(s);
            for (int i = 0; i < c.value; i++) {
                bandwidth[i] = (upper[i] - lower[i]) / middle[i];
            }
            return fields("upper", upper, "middle", middle, "lower", lower, "bandwidth", bandwidth);
        });
    }

    private static Arguments stoch(int period, int slowk, int slowd) {
        return Arguments.of(new Stochastic(period, slowk, slowd), (TaLibCall) (s, b, c) -> {
            double[] k = output(s);
            double[] d = output(s);
            check(TA_LIB.stoch(0, last(s), s.high(), s.low(), s.close(), period, slowk, MAType.Sma, slowd,
                    MAType.Sma, b, c, k, d));
            return fields("k", k, "d", d);
        });
    }

    /** A TA-Lib function with one output array, the JSON field "value". */
    @FunctionalInterface
    private interface SingleOutput {
        RetCode run(PriceSeries series, MInteger begin, MInteger count, double[] out);
    }

    private static Arguments oneOutput(Indicator indicator, SingleOutput call) {
        return Arguments.of(indicator, (TaLibCall) (s, b, c) -> {
            double[] out = output(s);
            check(call.run(s, b, c, out));
            return fields("value", out);
        });
    }

    private static Map<String, double[]> fields(Object... namesAndOutputs) {
        Map<String, double[]> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndOutputs.length; i += 2) {
            fields.put((String) namesAndOutputs[i], (double[]) namesAndOutputs[i + 1]);
        }
        return fields;
    }

    private static void check(RetCode code) {
        assertEquals(RetCode.Success, code);
    }

    private static double[] output(PriceSeries series) {
        return new double[series.size()];
    }

    private static int last(PriceSeries series) {
        return series.size() - 1;
    }
}
