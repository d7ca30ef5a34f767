package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The hand-written COPY timestamp equals what java.time prints, across leap days, month ends and midnights. */
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

    private static void assertPrintsLikeJavaTime(long millis) {
        StringBuilder sb = new StringBuilder();
        CandleStore.appendUtc(sb, millis);
        assertThat(sb.toString()).isEqualTo(COPY_FORMAT.format(Instant.ofEpochMilli(millis)));
    }
}
