package io.coinwatch.marketdata;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

import org.postgresql.copy.CopyIn;

/**
 * One symbol's candle rows in COPY text format, as bytes, for {@link CandleStore#writeInTransaction}: symbol id,
 * interval, open time, then open, high, low, close, volume and turnover. The values arrive as decimal text (the legacy
 * database's own output), so they are copied, never parsed and printed again; the date of the open time is formatted
 * once per day, since rows come in time order.
 */
final class CandleCopyText {

    private static final long DAY_MILLIS = 86_400_000L;

    private final byte[] prefix;
    private byte[] buffer;
    private int length;
    private int rows;
    private long firstOpenTime;
    private long lastOpenTime;
    private long day = Long.MIN_VALUE;
    private byte[] date;

    CandleCopyText(int symbolId, int expectedRows) {
        this.prefix = (symbolId + "\t" + CandleInterval.BASE_MINUTES + "\t").getBytes(StandardCharsets.US_ASCII);
        this.buffer = new byte[Math.max(1024, expectedRows * 112)];
    }

    /** Adds a candle whose six values are the tab-separated decimal text {@code values[from, to)}. */
    void add(long openTime, byte[] values, int from, int to) {
        int valuesLength = to - from;
        ensure(prefix.length + 32 + valuesLength);
        start(openTime);
        System.arraycopy(values, from, buffer, length, valuesLength);
        length += valuesLength;
        buffer[length++] = '\n';
    }

    /** Adds a candle from its six values as decimal text. */
    void add(long openTime, String... values) {
        byte[] text = String.join("\t", values).getBytes(StandardCharsets.US_ASCII);
        add(openTime, text, 0, text.length);
    }

    int rows() {
        return rows;
    }

    long firstOpenTime() {
        return firstOpenTime;
    }

    long lastOpenTime() {
        return lastOpenTime;
    }

    void writeTo(CopyIn copy) throws SQLException {
        copy.writeToCopy(buffer, 0, length);
    }

    /** The row up to its values: prefix and "2025-06-02 12:05:00+00" (open times are whole seconds, on the 5m grid). */
    private void start(long openTime) {
        if (rows++ == 0) {
            firstOpenTime = openTime;
        }
        lastOpenTime = openTime;
        System.arraycopy(prefix, 0, buffer, length, prefix.length);
        length += prefix.length;
        long rowDay = Math.floorDiv(openTime, DAY_MILLIS);
        if (rowDay != day) {
            day = rowDay;
            date = (LocalDate.ofEpochDay(rowDay) + " ").getBytes(StandardCharsets.US_ASCII);
        }
        System.arraycopy(date, 0, buffer, length, date.length);
        length += date.length;
        int second = (int) (Math.floorMod(openTime, DAY_MILLIS) / 1000);
        twoDigits(second / 3600);
        buffer[length++] = ':';
        twoDigits(second / 60 % 60);
        buffer[length++] = ':';
        twoDigits(second % 60);
        buffer[length++] = '+';
        buffer[length++] = '0';
        buffer[length++] = '0';
        buffer[length++] = '\t';
    }

    private void twoDigits(int value) {
        buffer[length++] = (byte) ('0' + value / 10);
        buffer[length++] = (byte) ('0' + value % 10);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
