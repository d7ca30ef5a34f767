package io.coinwatch.marketdata.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.coinwatch.marketdata.indicator.InvalidIndicatorRequestException.INVALID_PARAMETER;
import static io.coinwatch.marketdata.indicator.InvalidIndicatorRequestException.UNKNOWN_INDICATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndicatorRequestTest {

    static Stream<Arguments> defaults() {
        return Stream.of(
                Arguments.of("rsi", Map.of("period", 14), 14, 14 + 20 * 14),
                Arguments.of("macd", Map.of("fast", 12, "slow", 26, "signal", 9), 33, 33 + 10 * 26 + 10 * 9),
                Arguments.of("bbands", Map.of("period", 20, "stddev", 2.0), 19, 19),
                Arguments.of("sma", Map.of("period", 20), 19, 19),
                Arguments.of("ema", Map.of("period", 20), 19, 19 + 10 * 20),
                Arguments.of("obv", Map.of(), 0, Indicator.FULL_HISTORY),
                Arguments.of("atr", Map.of("period", 14), 14, 14 + 20 * 14),
                Arguments.of("stoch", Map.of("period", 14, "slowk", 3, "slowd", 3), 17, 17));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void appliesDesignDefaultsWithTheirLookbackAndWarmup(String name, Map<String, Object> params, int lookback,
                                                         int warmup) {
        IndicatorRequest request = IndicatorRequest.of(name, Map.of());

        assertEquals(name, request.name());
        assertEquals(params, request.params());
        assertEquals(lookback, request.lookback());
        assertEquals(warmup, request.warmup());
    }

    @Test
    void paramsKeepTheDocumentedOrderForJson() {
        assertEquals(List.of("fast", "slow", "signal"), List.copyOf(IndicatorRequest.of("macd", Map.of()).params()
                .keySet()));
        assertEquals(List.of("period", "slowk", "slowd"), List.copyOf(IndicatorRequest.of("stoch", Map.of())
                .params().keySet()));
        assertEquals(List.of("period", "stddev"), List.copyOf(IndicatorRequest.of("bbands", Map.of()).params()
                .keySet()));
    }

    @Test
    void readsGivenParametersAndIgnoresOnesTheIndicatorDoesNotTake() {
        IndicatorRequest rsi = IndicatorRequest.of("rsi", Map.of("period", "21", "fast", "x", "stddev", "-1",
                "interval", "5m"));
        IndicatorRequest macd = IndicatorRequest.of("macd", Map.of("fast", "5", "slow", "35", "signal", "5",
                "period", "oops"));
        IndicatorRequest bands = IndicatorRequest.of("bbands", Map.of("period", "50", "stddev", "2.5"));
        IndicatorRequest stoch = IndicatorRequest.of("stoch", Map.of("period", "5", "slowk", "4", "slowd", "2"));
        IndicatorRequest obv = IndicatorRequest.of("obv", Map.of("period", "0"));

        assertEquals(Map.of("period", 21), rsi.params());
        assertEquals(Map.of("fast", 5, "slow", 35, "signal", 5), macd.params());
        assertEquals(Map.of("period", 50, "stddev", 2.5), bands.params());
        assertEquals(Map.of("period", 5, "slowk", 4, "slowd", 2), stoch.params());
        assertEquals(Map.of(), obv.params());
        assertEquals(4 + 3 + 1, stoch.lookback());
        assertEquals(34 + 4, macd.lookback());
    }

    @Test
    void acceptsTheNameInAnyCaseAndPlainNumberForms() {
        assertEquals("rsi", IndicatorRequest.of(" RSI ", Map.of()).name());
        assertEquals(Map.of("period", 7), IndicatorRequest.of("sma", Map.of("period", " +7 ")).params());
        assertEquals(Map.of("period", 20, "stddev", 0.5), IndicatorRequest.of("bbands", Map.of("stddev", ".5"))
                .params());
        assertEquals(Map.of("period", 20, "stddev", 100.0), IndicatorRequest.of("bbands", Map.of("stddev", "1e2"))
                .params());
    }

    @Test
    void absentValuesAndAnAbsentMapTakeTheDefaults() {
        Map<String, String> query = new HashMap<>();
        query.put("period", null);

        assertEquals(Map.of("period", 14), IndicatorRequest.of("rsi", query).params());
        assertEquals(Map.of("period", 14), IndicatorRequest.of("rsi", null).params());
    }

    @Test
    void unknownIndicatorListsTheEightNames() {
        for (String name : new String[] {"vwap", "", null}) {
            InvalidIndicatorRequestException error = assertThrows(InvalidIndicatorRequestException.class,
                    () -> IndicatorRequest.of(name, Map.of()));
            assertEquals(UNKNOWN_INDICATOR, error.code());
            assertTrue(error.getMessage().contains("rsi, macd, bbands, sma, ema, obv, atr, stoch"),
                    error.getMessage());
        }
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of("rsi", Map.of("period", "1"), "period", "from 2 to 500"),
                Arguments.of("rsi", Map.of("period", "501"), "period", "from 2 to 500"),
                Arguments.of("sma", Map.of("period", "abc"), "period", "from 2 to 500"),
                Arguments.of("ema", Map.of("period", "14.5"), "period", "from 2 to 500"),
                Arguments.of("atr", Map.of("period", "-14"), "period", "from 2 to 500"),
                Arguments.of("atr", Map.of("period", ""), "period", "from 2 to 500"),
                Arguments.of("sma", Map.of("period", "99999999999"), "period", "from 2 to 500"),
                Arguments.of("sma", Map.of("period", "\u0661\u0664"), "period", "from 2 to 500"),
                Arguments.of("macd", Map.of("fast", "1"), "fast", "from 2 to 500"),
                Arguments.of("macd", Map.of("slow", "600"), "slow", "from 2 to 500"),
                Arguments.of("macd", Map.of("signal", "x"), "signal", "from 2 to 500"),
                Arguments.of("macd", Map.of("fast", "26", "slow", "26"), "fast", "less than 'slow'"),
                Arguments.of("macd", Map.of("fast", "30"), "fast", "less than 'slow'"),
                Arguments.of("stoch", Map.of("slowk", "0"), "slowk", "from 2 to 500"),
                Arguments.of("stoch", Map.of("slowd", "1000"), "slowd", "from 2 to 500"),
                Arguments.of("bbands", Map.of("stddev", "0"), "stddev", "greater than 0"),
                Arguments.of("bbands", Map.of("stddev", "-2"), "stddev", "greater than 0"),
                Arguments.of("bbands", Map.of("stddev", "two"), "stddev", "greater than 0"),
                Arguments.of("bbands", Map.of("stddev", "NaN"), "stddev", "greater than 0"),
                Arguments.of("bbands", Map.of("stddev", "Infinity"), "stddev", "greater than 0"),
                Arguments.of("bbands", Map.of("stddev", "1e999"), "stddev", "greater than 0"),
                Arguments.of("bbands", Map.of("stddev", "2d"), "stddev", "greater than 0"),
                Arguments.of("bbands", Map.of("period", "1", "stddev", "2"), "period", "from 2 to 500"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidParameters")
    void invalidParameterNamesTheParameterAndTheValidRange(String name, Map<String, String> query, String parameter,
                                                           String validChoices) {
        InvalidIndicatorRequestException error = assertThrows(InvalidIndicatorRequestException.class,
                () -> IndicatorRequest.of(name, query));

        assertEquals(INVALID_PARAMETER, error.code());
        assertTrue(error.getMessage().contains("'" + parameter + "'"), error.getMessage());
        assertTrue(error.getMessage().contains(validChoices), error.getMessage());
    }

    @Test
    void indicatorsBuiltInCodeAreValidatedTheSameWay() {
        assertEquals(INVALID_PARAMETER, assertThrows(InvalidIndicatorRequestException.class, () -> new Rsi(1))
                .code());
        assertEquals(INVALID_PARAMETER, assertThrows(InvalidIndicatorRequestException.class,
                () -> new BollingerBands(20, Double.NaN)).code());
        assertEquals(INVALID_PARAMETER, assertThrows(InvalidIndicatorRequestException.class,
                () -> new Macd(26, 12, 9)).code());
    }

    @Test
    void indicatorsWithTheSameParametersAreEqual() {
        assertEquals(new Macd(12, 26, 9), IndicatorRequest.of("macd", Map.of()).indicator());
        assertEquals(new Macd(12, 26, 9).hashCode(), IndicatorRequest.of("macd", Map.of()).indicator().hashCode());
        assertTrue(!new Sma(20).equals(new Ema(20)));
        assertEquals("bbands{period=20, stddev=2.0}", new BollingerBands(20, 2).toString());
    }

    @Test
    void computeRendersRowsKeyedByOpenTimeFromTheRequestedStart() {
        PriceSeries series = SyntheticSeries.randomWalk(7, 100, 50);
        long start = series.openTime()[40];

        IndicatorResult all = IndicatorRequest.of("macd", Map.of("fast", "3", "slow", "6", "signal", "4"))
                .compute(series);
        IndicatorResult fromStart = IndicatorRequest.of("macd", Map.of("fast", "3", "slow", "6", "signal", "4"))
                .compute(series, start);

        assertEquals("macd", all.indicator());
        assertEquals(Map.of("fast", 3, "slow", 6, "signal", 4), all.params());
        assertEquals(100 - 8, all.values().size());
        Map<String, Object> first = all.values().get(0);
        assertEquals(List.of("openTime", "macd", "signal", "histogram"), List.copyOf(first.keySet()));
        assertEquals(series.openTime()[8], first.get("openTime"));
        assertEquals(60, fromStart.values().size());
        assertEquals(start, fromStart.values().get(0).get("openTime"));
        assertEquals(all.values().get(32), fromStart.values().get(0));
        assertEquals(series.openTime()[99], fromStart.values().get(59).get("openTime"));
    }

    @Test
    void rowsStartAtTheFirstDefinedValueEvenWhenAskedEarlierAndAreEmptyAfterTheEnd() {
        PriceSeries series = SyntheticSeries.randomWalk(8, 30, 50);
        IndicatorValues rsi = new Rsi(14).compute(series);

        assertEquals(series.openTime()[14], rsi.rowsFrom(Long.MIN_VALUE).get(0).get("openTime"));
        assertEquals(series.openTime()[14], rsi.rowsFrom(series.openTime()[3] + 1).get(0).get("openTime"));
        assertEquals(List.of("openTime", "value"), List.copyOf(rsi.rowsFrom(0).get(0).keySet()));
        assertTrue(rsi.rowsFrom(series.openTime()[29] + 1).isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> rsi.rowsFrom(0).get(16));
        assertThrows(IllegalArgumentException.class, () -> rsi.column("k"));
    }
}
