package io.coinwatch.marketdata.indicator;

import io.coinwatch.core.model.Candle;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PriceSeriesTest {

    @Test
    void convertsCandlesToPrimitiveColumns() {
        PriceSeries series = PriceSeries.fromCandles(List.of(
                candle(1_000, "1.5", "2.25", "1.125", "2", "10"),
                candle(2_000, "2", "3", "1.75", "2.5", "0.001")));

        assertEquals(2, series.size());
        assertArrayEquals(new long[] {1_000, 2_000}, series.openTime());
        assertArrayEquals(new double[] {1.5, 2}, series.open());
        assertArrayEquals(new double[] {2.25, 3}, series.high());
        assertArrayEquals(new double[] {1.125, 1.75}, series.low());
        assertArrayEquals(new double[] {2, 2.5}, series.close());
        assertArrayEquals(new double[] {10, 0.001}, series.volume());
    }

    @Test
    void rejectsUnorderedOrDuplicateOpenTimes() {
        assertThrows(IllegalArgumentException.class, () -> PriceSeries.fromCandles(List.of(
                candle(2_000, "1", "1", "1", "1", "1"), candle(1_000, "1", "1", "1", "1", "1"))));
        assertThrows(IllegalArgumentException.class, () -> PriceSeries.fromCandles(List.of(
                candle(1_000, "1", "1", "1", "1", "1"), candle(1_000, "1", "1", "1", "1", "1"))));
    }

    @Test
    void rejectsColumnsOfDifferentLengths() {
        double[] two = {1, 2};
        assertThrows(IllegalArgumentException.class,
                () -> PriceSeries.of(new long[] {1, 2}, two, two, two, two, new double[] {1}));
    }

    @Test
    void anEmptySeriesHasNoValues() {
        PriceSeries empty = PriceSeries.fromCandles(List.of());

        for (String name : IndicatorRequest.NAMES) {
            IndicatorValues values = IndicatorRequest.of(name, Map.of()).indicator().compute(empty);
            assertEquals(0, values.size(), name);
            assertEquals(0, values.firstIndex(), name);
        }
    }

    private static Candle candle(long openTime, String open, String high, String low, String close, String volume) {
        return new Candle(openTime, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), new BigDecimal(volume), BigDecimal.ZERO);
    }
}
