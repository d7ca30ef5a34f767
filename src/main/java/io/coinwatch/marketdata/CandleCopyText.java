package io.coinwatch.marketdata;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

import org.postgresql.copy.CopyIn;

/**
 * One symbol's candle rows in COPY text format, as bytes, for {@link CandleStore#writeInTransaction}: symbol id,
 * interval, open time, then open, high, low, close, volume and turnover. The values arrive as decimal text (the legacy
 * database's own output), so they are copied, never parsed and printed again; so is the open time when it comes as
 * UTC text, else its date is formatted once per day, since rows come in time order.
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

    /**
     * Adds a candle whose open time is already the UTC text "2025-06-02 12:05:00" {@code utc[utcFrom, utcTo)} (it
     * must be that time: the caller has parsed it) and whose six values are the tab-separated decimal text
     * {@code values[from, to)}.
     */
    void add(long openTime, byte[] utc, int utcFrom, int utcTo, byte[] values, int from, int to) {
        ensure(prefix.length + (utcTo - utcFrom) + (to - from) + 8);
        counted(openTime);
        append(prefix, 0, prefix.length);
        append(utc, utcFrom, utcTo);
        appendOffsetAndTab();
        append(values, from, to);
        buffer[length++] = '\n';
    }

    /** Adds a candle whose six values are the tab-separated decimal text {@code values[from, to)}. */
    void add(long openTime, byte[] values, int from, int to) {
        ensure(prefix.length + 32 + (to - from));
        counted(openTime);
        append(prefix, 0, prefix.length);
        appendUtc(openTime);
        appendOffsetAndTab();
        append(values, from, to);
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

    /** The rows as text (for tests and logs). */
    @Override
    public String toString() {
        return new String(buffer, 0, length, StandardCharsets.US_ASCII);
    }

    void writeTo(CopyIn copy) throws SQLException {
        copy.writeToCopy(buffer, 0, length);
    }

    private void counted(long openTime) {
        if (rows++ == 0) {
            firstOpenTime = openTime;
        }
        lastOpenTime = openTime;
    }

    private void append(byte[] bytes, int from, int to) {
        System.arraycopy(bytes, from, buffer, length, to - from);
        length += to - from;
    }

    /** "2025-06-02 12:05:00": open times are whole seconds (on the 5m grid). */
    private void appendUtc(long openTime) {
        long rowDay = Math.floorDiv(openTime, DAY_MILLIS);
        if (rowDay != day) {
            day = rowDay;
            date = (LocalDate.ofEpochDay(rowDay) + " ").getBytes(StandardCharsets.US_ASCII);
        }
        append(date, 0, date.length);
        int second = (int) (Math.floorMod(openTime, DAY_MILLIS) / 1000);
        twoDigits(second / 3600);
        buffer[length++] = ':';
        twoDigits(second / 60 % 60);
        buffer[length++] = ':';
        twoDigits(second % 60);
    }

    private void appendOffsetAndTab() {
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
