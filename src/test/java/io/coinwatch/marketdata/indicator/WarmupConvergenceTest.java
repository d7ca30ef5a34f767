package io.coinwatch.marketdata.indicator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the gateway does: read {@link Indicator#warmup()} candles before the requested start and return values from
 * the start on. Those must equal, to 4 decimals, the values computed over the whole stored history. For the
 * recursive indicators the test also shows that reading only the lookback would not be enough.
 */
class WarmupConvergenceTest {

    private static final PriceSeries HISTORY = SyntheticSeries.randomWalkWithQuietStretches(11, 30_000, 30_000);
    private static final int START = 25_000;
    private static final double FOUR_DECIMALS = 0.00005;

    static Stream<Indicator> indicators() {
        return Stream.concat(
                IndicatorRequest.NAMES.stream().map(name -> IndicatorRequest.of(name, Map.of()).indicator()),
                Stream.of(new Rsi(2), new Rsi(100), new Ema(200), new Macd(50, 100, 30), new AverageTrueRange(100),
                        new BollingerBands(500, 3), new Stochastic(50, 10, 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indicators")
    void valuesFromTheStartMatchTheWholeHistory(Indicator indicator) {
        long start = HISTORY.openTime()[START];
        int readFrom = (int) Math.max(0, START - (long) indicator.warmup());

        List<Map<String, Object>> windowed = indicator.compute(SyntheticSeries.slice(HISTORY, readFrom,
                HISTORY.size())).rowsFrom(start);
        IndicatorValues wholeHistory = indicator.compute(HISTORY);
        List<Map<String, Object>> whole = wholeHistory.rowsFrom(start);

        assertEquals(whole.size(), windowed.size());
        assertEquals(start, windowed.get(0).get("openTime"));
        assertEquals(HISTORY.size() - START, windowed.size());
        for (int row = 0; row < whole.size(); row++) {
            for (String field : wholeHistory.fields()) {
                double expected = (double) whole.get(row).get(field);
                double actual = (double) windowed.get(row).get(field);
                if (!(Math.abs(actual - expected) < FOUR_DECIMALS)) {
                    fail(indicator + " " + field + " row " + row + ": " + actual + " vs " + expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indicators")
    void recursiveIndicatorsNeedMoreThanTheirLookback(Indicator indicator) {
        if (indicator.warmup() == indicator.lookback()) {
            return;
        }
        long start = HISTORY.openTime()[START];
        PriceSeries lookbackOnly = SyntheticSeries.slice(HISTORY, START - indicator.lookback(), HISTORY.size());

        Map<String, Object> windowed = indicator.compute(lookbackOnly).rowsFrom(start).get(0);
        IndicatorValues wholeHistory = indicator.compute(HISTORY);
        Map<String, Object> whole = wholeHistory.rowsFrom(start).get(0);

        String field = wholeHistory.fields().get(0);
        assertTrue(Math.abs((double) windowed.get(field) - (double) whole.get(field)) > FOUR_DECIMALS,
                indicator + " converged within its lookback, so its warm-up is larger than needed");
    }
}
