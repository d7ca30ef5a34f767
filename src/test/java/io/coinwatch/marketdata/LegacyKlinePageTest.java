package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.coinwatch.core.model.Candle;

/**
 * The legacy import judges rows on their text: it must decide exactly as CandleValidator does on the same candles
 * (with its reasons), and write the COPY text CandleStore writes for them.
 */
class LegacyKlinePageTest {

    private static final long NOW = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();
    private static final long LAST_CLOSED = CandleInterval.lastClosedOpenTime(NOW);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final MarketSymbol SYMBOL = new MarketSymbol(42, "bybit", "LGCYUSDT", "LGCY", "USDT", "linear", "Trading", true, 0, null, true);

    @Test
    void decimalTextComparesAsBigDecimalDoes() {
        String[] values = {"0", "0.0", "00.000", "0.00000001", "0.0000001", "1", "1.0", "1.00000000", "01.5", "1.5", "1.49999999",
                "10", "9.99999999", "100.00000000", "99999999.99999999", "100000000", "123456789012345678.12345678"};
        for (String a : values) {
            for (String b : values) {
                byte[] x = a.getBytes(StandardCharsets.US_ASCII);
                byte[] y = b.getBytes(StandardCharsets.US_ASCII);
                assertThat(DecimalText.plain(x, 0, x.length)).isTrue();
                assertThat(DecimalText.compare(x, 0, x.length, y, 0, y.length)).as(a + " vs " + b)
                        .isEqualTo(Integer.signum(new BigDecimal(a).compareTo(new BigDecimal(b))));
            }
        }
        for (String notPlain : new String[] {"-1", "\\N", "NaN", "Infinity", "1e5", "1.2.3", ".", ""}) {
            byte[] x = notPlain.getBytes(StandardCharsets.US_ASCII);
            assertThat(DecimalText.plain(x, 0, x.length)).as(notPlain).isFalse();
        }
    }

    @Test
    void judgesEveryRowAsTheValidatorDoesAndWritesWhatCandleStoreWrites() {
        SplittableRandom random = new SplittableRandom(17);
        List<String> rows = new ArrayList<>();
        List<Candle> candles = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        long openTime = LAST_CLOSED - 20_000 * CandleInterval.BASE_MILLIS;
        for (int i = 0; i < 20_100; i++) {
            openTime += CandleInterval.BASE_MILLIS;
            long rowTime = random.nextInt(50) == 0 ? openTime + 1000 : openTime; // some off the grid; the last 100 not closed
            BigDecimal[] v = new BigDecimal[6];
            BigDecimal mid = BigDecimal.valueOf(random.nextDouble(0.00001, 100_000)).setScale(8, RoundingMode.HALF_UP);
            v[0] = near(random, mid);
            v[3] = near(random, mid);
            v[1] = v[0].max(v[3]).add(small(random));
            v[2] = v[0].min(v[3]).subtract(small(random)).max(BigDecimal.ZERO.setScale(8));
            v[4] = BigDecimal.valueOf(random.nextInt(1_000_000)).setScale(8);
            v[5] = v[4].multiply(mid).setScale(8, RoundingMode.HALF_UP);
            switch (random.nextInt(40)) {
                case 0 -> v[1] = v[2].subtract(new BigDecimal("0.00000001")); // high below low (or negative)
                case 1 -> v[1] = v[0].max(v[3]).subtract(new BigDecimal("0.00000001")); // high below open/close
                case 2 -> v[2] = v[0].min(v[3]).add(new BigDecimal("0.00000001")); // low above open/close
                case 3 -> v[random.nextInt(6)] = v[0].negate().subtract(BigDecimal.ONE); // negative
                default -> { }
            }
            String[] text = new String[6];
            for (int k = 0; k < 6; k++) {
                text[k] = v[k].toPlainString();
            }
            if (random.nextInt(100) == 0) {
                text[random.nextInt(6)] = "\\N";
                missing.add(rowTime);
            } else {
                candles.add(new Candle(rowTime, v[0], v[1], v[2], v[3], v[4], v[5]));
            }
            String time = LocalDateTime.ofInstant(Instant.ofEpochMilli(rowTime), ZoneOffset.UTC).format(UTC);
            rows.add(time + "\t" + String.join("\t", text) + "\n");
        }

        LegacyKlinePage page = new LegacyKlinePage(null, new LegacyKlineSymbol(7, "LGCYUSDT", SYMBOL, Long.MIN_VALUE), 100, LAST_CLOSED);
        for (String row : rows) {
            page.add(row.getBytes(StandardCharsets.US_ASCII));
        }
        KlinePage expected = new CandleValidator(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
                .validate(new KlinePage(candles, List.of()), Long.MIN_VALUE, Long.MAX_VALUE);

        assertThat(expected.rejected()).hasSizeGreaterThan(1000);
        assertThat(expected.candles()).hasSizeGreaterThan(15_000);
        assertThat(page.read()).isEqualTo(rows.size());
        assertThat(page.candles().rows()).isEqualTo(expected.candles().size());
        assertThat(page.candles().toString()).isEqualTo(CandleStore.copyRows(SYMBOL.id(), expected.candles()).toString());
        List<RejectedCandle> validatorsAndMissing = new ArrayList<>(expected.rejected());
        assertThat(page.rejected().stream().filter(r -> !r.reason().endsWith(" missing")).toList()).isEqualTo(validatorsAndMissing);
        assertThat(page.rejected().stream().filter(r -> r.reason().endsWith(" missing")).map(RejectedCandle::openTime).toList())
                .isEqualTo(missing);
        assertThat(page.cursor()).isEqualTo("7:" + (openTime + (rows.get(rows.size() - 1).contains(":01\t") ? 1000 : 0)));
    }

    @Test
    void aFractionOfASecondIsReadAndTheRowJudgedByTheValidator() {
        LegacyKlinePage page = new LegacyKlinePage(null, new LegacyKlineSymbol(7, "LGCYUSDT", SYMBOL, Long.MIN_VALUE), 10, LAST_CLOSED);
        page.add("2024-03-01 00:05:00.25\t1.0\t2.0\t0.5\t1.5\t10\t15\n".getBytes(StandardCharsets.US_ASCII));
        page.add("2024-03-01 00:10:00.000001\t1.0\t2.0\t0.5\t1.5\t10\t15\n".getBytes(StandardCharsets.US_ASCII));
        long t = Instant.parse("2024-03-01T00:05:00.250Z").toEpochMilli();
        assertThat(page.rejected()).extracting(RejectedCandle::reason).containsExactly("open time " + t + " is not on the 5m grid");
        // Below a millisecond, as java.sql.Timestamp read it before: on the grid, stored at the whole second.
        assertThat(page.candles().toString()).isEqualTo("42\t5\t2024-03-01 00:10:00+00\t1.0\t2.0\t0.5\t1.5\t10\t15\n");
        assertThat(page.cursor()).isEqualTo("7:" + Instant.parse("2024-03-01T00:10:00Z").toEpochMilli());
    }

    private static BigDecimal near(SplittableRandom random, BigDecimal mid) {
        return mid.multiply(BigDecimal.valueOf(random.nextDouble(0.98, 1.02))).setScale(8, RoundingMode.HALF_UP);
    }

    private static BigDecimal small(SplittableRandom random) {
        return random.nextInt(5) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(random.nextInt(1000), 6);
    }
}
