package io.coinwatch.marketdata;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

import org.postgresql.copy.CopyIn;

import io.coinwatch.core.model.Candle;

/**
 * One symbol's candle rows in COPY text format, as bytes, for {@link CandleStore}: symbol id, interval, open time, then
 * open, high, low, close, volume and turnover. From the legacy database the values arrive as decimal text, so they are
 * copied, never parsed and printed again; so is the open time when it comes as UTC text, else its date is formatted
 * once per day, since rows come in time order. Bytes, not a String, so pgjdbc sends them without encoding them again.
 */
final class CandleCopyText {

    private static final long DAY_MILLIS = 86_400_000L;
    private static final int MAX_DIGITS = 18;

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

    /** Adds a candle, its values printed as plain decimals (BigDecimal.toPlainString) straight into the buffer. */
    void add(Candle candle) {
        ensure(prefix.length + 32);
        counted(candle.openTime());
        append(prefix, 0, prefix.length);
        appendUtc(candle.openTime());
        appendOffsetAndTab();
        appendPlain(candle.open(), '\t');
        appendPlain(candle.high(), '\t');
        appendPlain(candle.low(), '\t');
        appendPlain(candle.close(), '\t');
        appendPlain(candle.volume(), '\t');
        appendPlain(candle.turnover(), '\n');
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

    /**
     * BigDecimal.toPlainString's text, written here: for the values exchanges send (at most 18 digits, scale 0 to 18) from
     * the unscaled long, without toPlainString's three Strings and a StringBuilder per value, a visible part of the
     * ingest profile.
     */
    private void appendPlain(BigDecimal value, char then) {
        int scale = value.scale();
        if (scale < 0 || scale > MAX_DIGITS || value.precision() > MAX_DIGITS) {
            String text = value.toPlainString();
            ensure(text.length() + 1);
            for (int i = 0; i < text.length(); i++) {
                buffer[length++] = (byte) text.charAt(i);
            }
        } else {
            long unscaled = value.unscaledValue().longValue();
            ensure(MAX_DIGITS + 4);
            if (unscaled < 0) {
                buffer[length++] = '-';
                unscaled = -unscaled;
            }
            int digits = 1;
            for (long rest = unscaled / 10; rest > 0; rest /= 10) {
                digits++;
            }
            // "0.0012" for unscaled 12 at scale 4: zeros up to the point, then the digits with the point among them.
            int integerDigits = digits - scale;
            int width = Math.max(integerDigits, 1) + (scale > 0 ? 1 + scale : 0);
            int end = length + width;
            for (int i = end - 1, written = 0; i >= length; i--) {
                if (scale > 0 && written == scale) {
                    buffer[i] = '.';
                    written++;
                    continue;
                }
                buffer[i] = (byte) ('0' + unscaled % 10);
                unscaled /= 10;
                written++;
            }
            length = end;
        }
        buffer[length++] = (byte) then;
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
