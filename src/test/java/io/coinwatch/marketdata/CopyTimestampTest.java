package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.coinwatch.core.model.Candle;

/**
 * The hand-written COPY timestamp equals what java.time prints, across leap days, month ends and midnights; a candle's
 * values print as their plain decimals.
 */
class CopyTimestampTest {

    private static final DateTimeFormatter COPY_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'+00'").withZone(ZoneOffset.UTC);

    @Test
    void everyOpenTimeOnTheGridPrintsAsJavaTimeWouldPrintIt() {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("1999-12-31T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2101-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            assertPrintsLikeJavaTime(from + random.nextLong((to - from) / CandleInterval.BASE_MILLIS) * CandleInterval.BASE_MILLIS);
        }
        for (String edge : new String[] {"2024-02-29T23:55:00Z", "2024-03-01T00:00:00Z", "2025-12-31T23:55:00Z", "2000-02-29T12:00:00Z"}) {
            assertPrintsLikeJavaTime(Instant.parse(edge).toEpochMilli());
        }
    }

    @Test
    void aCandlesValuesPrintAsTheirPlainDecimals() {
        Candle candle = new Candle(Instant.parse("2025-06-02T12:05:00Z").toEpochMilli(), new BigDecimal("0.00001230"),
                new BigDecimal("1E+3"), new BigDecimal("12345678901234567890.123456789"), new BigDecimal("7"),
                new BigDecimal("0"), new BigDecimal("1.5E-7"));
        CandleCopyText text = new CandleCopyText(42, 1);
        text.add(candle);
        assertThat(text.toString())
                .isEqualTo("42\t5\t2025-06-02 12:05:00+00\t0.00001230\t1000\t12345678901234567890.123456789\t7\t0\t0.00000015\n");
    }

    @Test
    void everyValuePrintsAsToPlainStringWouldPrintIt() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long unscaled = random.nextLong((long) Math.pow(10, random.nextInt(1, 20)));
            BigDecimal[] values = new BigDecimal[6];
            for (int v = 0; v < values.length; v++) {
                BigDecimal value = BigDecimal.valueOf(random.nextBoolean() ? unscaled : -unscaled, random.nextInt(-3, 22));
                values[v] = random.nextInt(10) == 0 ? value.multiply(value) : value;
            }
            CandleCopyText text = new CandleCopyText(1, 1);
            text.add(new Candle(0, values[0], values[1], values[2], values[3], values[4], values[5]));
            StringBuilder expected = new StringBuilder("1\t5\t1970-01-01 00:00:00+00");
            for (BigDecimal value : values) {
                expected.append('\t').append(value.toPlainString());
            }
            assertThat(text.toString()).isEqualTo(expected.append('\n').toString());
        }
    }

    private static void assertPrintsLikeJavaTime(long millis) {
        CandleCopyText text = new CandleCopyText(1, 1);
        text.add(millis, "1", "1", "1", "1", "1", "1");
        assertThat(text.toString()).isEqualTo("1\t5\t" + COPY_FORMAT.format(Instant.ofEpochMilli(millis)) + "\t1\t1\t1\t1\t1\t1\n");
    }
}
