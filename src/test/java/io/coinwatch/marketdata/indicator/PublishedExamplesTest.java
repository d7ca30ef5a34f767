package io.coinwatch.marketdata.indicator;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Published worked examples. The StockCharts ChartSchool tables print closes and results with 2 decimals but are
 * computed in spreadsheets from unrounded prices; the unrounded inputs (and, where available, the unrounded outputs)
 * are taken from PyAlgoTrade's tests (github.com/gbeced/pyalgotrade, testcases/), which transcribe those
 * spreadsheets and name each page. Values are asserted to 4 decimals where the source carries 4 or more, otherwise
 * to the 2 printed decimals (within 0.005). Where a source uses a convention other than TA-Lib's, the test asserts
 * the exact relation between the two.
 */
class PublishedExamplesTest {

    private static final double FOUR_DECIMALS = 0.00005;
    /** Half a unit of the second decimal, plus room for a value like 0.555 that the sheet rounded up. */
    private static final double TWO_DECIMALS = 0.005 + 1e-9;

    /**
     * StockCharts ChartSchool, "Relative Strength Index (RSI)", QQQQ 14-day RSI spreadsheet (cs-rsi.xls),
     * http://stockcharts.com/school/doku.php?id=chart_school:technical_indicators:relative_strength_index_rsi;
     * unrounded closes and RSI from PyAlgoTrade testcases/data/rsi-test.csv. StockCharts uses Wilder's method with
     * the same seed as TA-Lib (simple mean of the first 14 changes), so the values are equal, first at index 14.
     */
    @Test
    void rsiStockCharts() {
        double[] close = {44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433,
                46.0826, 45.8931, 46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439,
                46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205,
                42.6628, 43.1314};
        double[] published = {70.53278948, 66.31856181, 66.54982994, 69.40630534, 66.35516906, 57.97485571,
                62.92960675, 63.25714756, 56.05929872, 62.37707144, 54.70757308, 50.42277441, 39.98982315,
                41.46048198, 41.86891609, 45.46321245, 37.30404209, 33.07952299, 37.77295211};

        IndicatorValues rsi = new Rsi(14).compute(closes(close));

        assertEquals(14, rsi.firstIndex());
        assertNear(published, rsi.column("value"), FOUR_DECIMALS);
    }

    /**
     * StockCharts ChartSchool, "Moving Averages - Simple and Exponential", Intel 10-day EMA spreadsheet
     * (cs-movavg.xls), http://stockcharts.com/school/doku.php?id=chart_school:technical_indicators:moving_averages;
     * unrounded closes and EMA from PyAlgoTrade testcases/data/sc-ema-10.csv. Seeded with the 10-day SMA like
     * TA-Lib (22.22475 is the mean of the first ten closes), k = 2/11.
     */
    @Test
    void emaStockCharts() {
        double[] published = {22.22475, 22.21192, 22.24477, 22.26965, 22.33170, 22.51790, 22.79681, 22.97066,
                23.12734, 23.27721, 23.34204, 23.42940, 23.50991, 23.53605, 23.47259, 23.40441, 23.39015, 23.26112,
                23.23139, 23.08068, 22.91556};

        IndicatorValues ema = new Ema(10).compute(closes(INTEL_CLOSE));

        assertEquals(9, ema.firstIndex());
        assertNear(published, ema.column("value"), FOUR_DECIMALS);
    }

    /** The same StockCharts page and spreadsheet, 10-day SMA column (PyAlgoTrade testcases/data/sc-sma-10.csv). */
    @Test
    void smaStockCharts() {
        double[] published = {22.22, 22.21, 22.23, 22.26, 22.31, 22.42, 22.61, 22.77, 22.91, 23.08, 23.21, 23.38,
                23.53, 23.65, 23.71, 23.69, 23.61, 23.51, 23.43, 23.28, 23.13};

        IndicatorValues sma = new Sma(10).compute(closes(INTEL_CLOSE));

        assertEquals(9, sma.firstIndex());
        assertNear(published, sma.column("value"), TWO_DECIMALS);
    }

    /**
     * StockCharts ChartSchool, "Bollinger Bands", 20-day, 2 deviations (cs-bollinger.xls),
     * http://stockcharts.com/school/doku.php?id=chart_school:technical_indicators:bollinger_bands; unrounded closes
     * and 2-decimal bands from PyAlgoTrade testcases/technical_bollinger_test.py. The sheet uses the population
     * standard deviation, as TA-Lib; the sample deviation would miss the printed bands.
     */
    @Test
    void bollingerBandsStockCharts() {
        double[] close = {86.1557, 89.0867, 88.7829, 90.3228, 89.0671, 91.1453, 89.4397, 89.1750, 86.9302, 87.6752,
                86.9596, 89.4299, 89.3221, 88.7241, 87.4497, 87.2634, 89.4985, 87.9006, 89.1260, 90.7043, 92.9001,
                92.9784, 91.8021, 92.6647, 92.6843, 92.3021, 92.7725, 92.5373, 92.9490, 93.2039, 91.0669, 89.8318,
                89.7435, 90.3994, 90.7387, 88.0177, 88.0867, 88.8439, 90.7781, 90.5416, 91.3894, 90.6500};
        double[] middle = {88.71, 89.05, 89.24, 89.39, 89.51, 89.69, 89.75, 89.91, 90.08, 90.38, 90.66, 90.86,
                90.88, 90.91, 90.99, 91.15, 91.19, 91.12, 91.17, 91.25, 91.24, 91.17, 91.05};
        double[] upper = {91.29, 91.95, 92.61, 92.93, 93.31, 93.73, 93.90, 94.27, 94.57, 94.79, 95.04, 94.91,
                94.90, 94.90, 94.86, 94.67, 94.56, 94.68, 94.58, 94.53, 94.53, 94.37, 94.15};
        double[] lower = {86.12, 86.14, 85.87, 85.85, 85.70, 85.65, 85.59, 85.56, 85.60, 85.98, 86.27, 86.82,
                86.87, 86.91, 87.12, 87.63, 87.83, 87.56, 87.76, 87.97, 87.95, 87.96, 87.95};

        IndicatorValues bands = new BollingerBands(20, 2).compute(closes(close));

        assertEquals(19, bands.firstIndex());
        double[] ourMiddle = bands.column("middle");
        double[] ourUpper = bands.column("upper");
        double[] ourLower = bands.column("lower");
        assertNear(middle, ourMiddle, TWO_DECIMALS);
        assertNear(upper, ourUpper, TWO_DECIMALS);
        assertNear(lower, ourLower, TWO_DECIMALS);
        double[] bandwidth = bands.column("bandwidth");
        for (int i = 0; i < bandwidth.length; i++) {
            assertEquals((ourUpper[i] - ourLower[i]) / ourMiddle[i], bandwidth[i], 1e-15);
        }
        double sampleUpper = ourMiddle[0] + (ourUpper[0] - ourMiddle[0]) * Math.sqrt(20.0 / 19.0);
        assertTrue(Math.abs(sampleUpper - upper[0]) > 0.05, "a sample deviation would not match the sheet");
    }

    /**
     * StockCharts ChartSchool, "Average True Range (ATR)", QQQQ 14-day ATR spreadsheet (cs-atr.xls),
     * http://stockcharts.com/school/doku.php?id=chart_school:technical_indicators:average_true_range_atr;
     * unrounded prices and 2-decimal ATR from PyAlgoTrade testcases/technical_atr_test.py.
     *
     * <p>Both are Wilder averages of the true range, seeded with a 14-value mean. StockCharts counts the first
     * candle's high - low as its first true range and prints its first ATR at index 13; TA-Lib (and we) start the
     * true range at index 1 and the ATR at index 14. So the StockCharts column is our Wilder smoothing seeded one
     * candle earlier, and from index 14 on the two differ by a gap that shrinks exactly by 13/14 per candle.
     */
    @Test
    void atrStockCharts() {
        double[] high = {48.70, 48.72, 48.90, 48.87, 48.82, 49.05, 49.20, 49.35, 49.92, 50.19, 50.12, 49.66, 49.88,
                50.19, 50.36, 50.57, 50.65, 50.43, 49.63, 50.33, 50.29, 50.17, 49.32, 48.50, 48.32, 46.80, 47.80,
                48.39, 48.66, 48.79};
        double[] low = {47.790, 48.140, 48.390, 48.370, 48.240, 48.635, 48.940, 48.860, 49.500, 49.870, 49.200,
                48.900, 49.430, 49.725, 49.260, 50.090, 50.300, 49.210, 48.980, 49.610, 49.200, 49.430, 48.080,
                47.640, 41.550, 44.283, 47.310, 47.200, 47.900, 47.730};
        double[] close = {48.160, 48.610, 48.750, 48.630, 48.740, 49.030, 49.070, 49.320, 49.910, 50.130, 49.530,
                49.500, 49.750, 50.030, 50.310, 50.520, 50.410, 49.340, 49.370, 50.230, 49.238, 49.930, 48.430,
                48.180, 46.570, 45.410, 47.770, 47.720, 48.620, 47.850};
        double[] published = {0.56, 0.59, 0.59, 0.57, 0.62, 0.62, 0.64, 0.67, 0.69, 0.78, 0.78, 1.21, 1.30, 1.38,
                1.37, 1.34, 1.32};

        double[] trueRange = AverageTrueRange.trueRange(high, low, close);
        trueRange[0] = high[0] - low[0];
        double[] stockChartsAtr = MovingAverages.wilder(trueRange, 0, 14);
        assertNear(published, Arrays.copyOfRange(stockChartsAtr, 13, close.length), TWO_DECIMALS);

        IndicatorValues atr = new AverageTrueRange(14).compute(series(high, low, close, new double[close.length]));
        assertEquals(14, atr.firstIndex());
        double[] ours = atr.column("value");
        double firstGap = ours[0] - stockChartsAtr[14];
        for (int i = 0; i < ours.length; i++) {
            assertEquals(firstGap * Math.pow(13.0 / 14.0, i), ours[i] - stockChartsAtr[14 + i], 1e-12);
        }
    }

    /**
     * StockCharts ChartSchool, "Stochastic Oscillator (Fast, Slow and Full)", 14-day stochastic spreadsheet
     * (cs-stochastic.xls),
     * http://stockcharts.com/school/doku.php?id=chart_school:technical_indicators:stochastic_oscillator_fast_slow_and_full;
     * prices and 4-decimal %K and %D from PyAlgoTrade testcases/technical_stoch_test.py.
     *
     * <p>The table is the fast stochastic: its %K is our fast %K and its %D (3-day SMA of %K) is our slow k.
     * Our d is the 3-day SMA of that %D. The sheet starts at index 13; the closes before it do not enter any value
     * and are set to the lows, as in PyAlgoTrade.
     */
    @Test
    void stochasticStockCharts() {
        double[] high = {127.0090, 127.6159, 126.5911, 127.3472, 128.1730, 128.4317, 127.3671, 126.4220, 126.8995,
                126.8498, 125.6460, 125.7156, 127.1582, 127.7154, 127.6855, 128.2228, 128.2725, 128.0934, 128.2725,
                127.7353, 128.7700, 129.2873, 130.0633, 129.1182, 129.2873, 128.4715, 128.0934, 128.6506, 129.1381,
                128.6406};
        double[] low = {125.3574, 126.1633, 124.9296, 126.0937, 126.8199, 126.4817, 126.0340, 124.8301, 126.3921,
                125.7156, 124.5615, 124.5715, 125.0689, 126.8597, 126.6309, 126.8001, 126.7105, 126.8001, 126.1335,
                125.9245, 126.9891, 127.8148, 128.4715, 128.0641, 127.6059, 127.5960, 126.9990, 126.8995, 127.4865,
                127.3970};
        double[] close = Arrays.copyOf(low, low.length);
        System.arraycopy(new double[] {127.2876, 127.1781, 128.0138, 127.1085, 127.7253, 127.0587, 127.3273,
                128.7103, 127.8745, 128.5809, 128.6008, 127.9342, 128.1133, 127.5960, 127.5960, 128.6904, 128.2725},
                0, close, 13, 17);
        double[] publishedK = {70.4382, 67.6089, 89.2021, 65.8106, 81.7477, 64.5238, 74.5298, 98.5814, 70.1045,
                73.0561, 73.4178, 61.2313, 60.9563, 40.3861, 40.3861, 66.8285, 56.7314};
        double[] publishedD = {75.7497, 74.2072, 78.9201, 70.6940, 73.6004, 79.2117, 81.0719, 80.5807, 72.1928,
                69.2351, 65.2018, 54.1912, 47.2428, 49.2003, 54.6487};

        double[] fastK = Stochastic.fastK(high, low, close, 14);
        assertNear(publishedK, Arrays.copyOfRange(fastK, 13, close.length), FOUR_DECIMALS);

        IndicatorValues stochastic = new Stochastic(14, 3, 3).compute(series(high, low, close, new double[30]));
        assertEquals(17, stochastic.firstIndex());
        assertNear(Arrays.copyOfRange(publishedD, 2, publishedD.length), stochastic.column("k"), FOUR_DECIMALS);
        double[] d = stochastic.column("d");
        for (int i = 0; i < d.length; i++) {
            assertEquals((publishedD[i] + publishedD[i + 1] + publishedD[i + 2]) / 3, d[i], FOUR_DECIMALS);
        }
    }

    /**
     * The On Balance Volume example of the technicalindicators library (npm "technicalindicators",
     * github.com/anandanand84/technicalindicators, test/volume/OBV.js). Like StockCharts it starts the running total
     * at 0 on the first candle and lists values from the second; TA-Lib starts it at the first candle's volume
     * (88888 here, a value the example never uses), so ours is exactly that volume plus each published value.
     */
    @Test
    void onBalanceVolumeStartsAtTheFirstVolumeLikeTaLib() {
        double[] close = {53.26, 53.30, 53.32, 53.72, 54.19, 53.92, 54.65, 54.60, 54.21, 54.53, 53.79, 53.66, 53.56,
                53.57, 53.94, 53.27};
        double[] volume = {88888, 8200, 8100, 8300, 8900, 9200, 13300, 10300, 9900, 10100, 11300, 12600, 10700,
                11500, 23800, 14600};
        double[] published = {8200, 16300, 24600, 33500, 24300, 37600, 27300, 17400, 27500, 16200, 3600, -7100,
                4400, 28200, 13600};

        double[] obv = new OnBalanceVolume().compute(series(close, close, close, volume)).column("value");

        assertEquals(volume[0], obv[0]);
        for (int i = 1; i < obv.length; i++) {
            assertEquals(volume[0] + published[i - 1], obv[i]);
        }
    }

    /**
     * MACD's alignment worked by hand in exact fractions (not a published table): closes 4, 1, 3, 5, 8, 13 with
     * fast 2, slow 3, signal 2.
     * <ul>
     *   <li>Slow EMA (k 1/2) seeded at index 2 with (4+1+3)/3: 8/3, 23/6, 71/12, 227/24.</li>
     *   <li>Fast EMA (k 2/3) seeded by TA-Lib at the same index with the mean of the last 2 closes, (1+3)/2:
     *       2, 4, 20/3, 98/9. (Started at index 1 as many charting sites do, it would be 17/6 at index 2.)</li>
     *   <li>MACD line from index 2: -2/3, 1/6, 3/4, 103/72.</li>
     *   <li>Signal (k 2/3) seeded at index 3 with (-2/3 + 1/6)/2: -1/4, 5/12, 59/54; histogram 5/12, 1/3, 73/216.</li>
     * </ul>
     * The TA-Lib port gives the same MACD line.
     */
    @Test
    void macdAlignmentByHand() {
        double[] close = {4, 1, 3, 5, 8, 13};

        IndicatorValues macd = new Macd(2, 3, 2).compute(closes(close));

        assertEquals(3, macd.firstIndex());
        assertArrayEquals(new double[] {1.0 / 6, 3.0 / 4, 103.0 / 72}, macd.column("macd"), 1e-12);
        assertArrayEquals(new double[] {-1.0 / 4, 5.0 / 12, 59.0 / 54}, macd.column("signal"), 1e-12);
        assertArrayEquals(new double[] {5.0 / 12, 1.0 / 3, 73.0 / 216}, macd.column("histogram"), 1e-12);
        double[] taLibMacd = new double[6];
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        new Core().macd(0, 5, close, 2, 3, 2, begin, count, taLibMacd, new double[6], new double[6]);
        assertEquals(3, begin.value);
        assertArrayEquals(Arrays.copyOf(taLibMacd, count.value), macd.column("macd"), 1e-12);
    }

    private static final double[] INTEL_CLOSE = {22.2734, 22.1940, 22.0847, 22.1741, 22.1840, 22.1344, 22.2337,
            22.4323, 22.2436, 22.2933, 22.1542, 22.3926, 22.3816, 22.6109, 23.3558, 24.0519, 23.7530, 23.8324,
            23.9516, 23.6338, 23.8225, 23.8722, 23.6537, 23.1870, 23.0976, 23.3260, 22.6805, 23.0976, 22.4025,
            22.1725};

    private static PriceSeries closes(double[] close) {
        return series(close, close, close, new double[close.length]);
    }

    private static PriceSeries series(double[] high, double[] low, double[] close, double[] volume) {
        long[] openTime = new long[close.length];
        for (int i = 0; i < close.length; i++) {
            openTime[i] = SyntheticSeries.START + i * SyntheticSeries.FIVE_MINUTES;
        }
        return PriceSeries.of(openTime, close, high, low, close, volume);
    }

    private static void assertNear(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "number of values");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                fail("value " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }
}
