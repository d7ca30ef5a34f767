package io.coinwatch.marketdata;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.coinwatch.core.legacy.LegacyTableRun;
import io.coinwatch.core.model.Candle;

/**
 * One page of a legacy symbol's klines, as read from the legacy COPY and judged by {@link CandleValidator}'s rules:
 * the candles to store (already COPY text) and the rows to quarantine with their reason. A row of plain decimals that
 * keeps the OHLC invariants is judged on its text; any other row (negative, NULL, NaN, off the grid, not closed yet,
 * high below low, ...) is made a {@link Candle} and judged by the validator itself, which gives the reason.
 */
final class LegacyKlinePage {

    private static final String[] VALUES = {"open_price", "high_price", "low_price", "close_price", "volume", "turnover"};
    private static final int OPEN = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 3;
    private static final int DATE_LENGTH = 10;
    private static final int UTC_LENGTH = 19;
    private static final long DAY_MILLIS = 86_400_000L;

    private final LegacyTableRun run;
    private final LegacyKlineSymbol symbol;
    private final long lastClosed;
    private final CandleCopyText candles;
    private final List<RejectedCandle> rejected = new ArrayList<>();
    private final int[] starts = new int[VALUES.length];
    private final int[] ends = new int[VALUES.length];
    private final byte[] date = new byte[DATE_LENGTH];
    private long dayMillis;
    private int read;
    private long lastOpenTime;
    private byte[] lastRow;
    private int lastRowTimeEnd;
    private long lastStored = Long.MIN_VALUE;

    /** @param lastClosed open time of the newest closed candle ({@link CandleValidator#lastClosedOpenTime()}) */
    LegacyKlinePage(LegacyTableRun run, LegacyKlineSymbol symbol, int expectedRows, long lastClosed) {
        this.run = run;
        this.symbol = symbol;
        this.lastClosed = lastClosed;
        this.candles = symbol.symbol() == null ? null : new CandleCopyText(symbol.symbol().id(), expectedRows);
    }

    /**
     * Takes one row of {@code COPY (SELECT open time AT TIME ZONE 'UTC', open, high, low, close, volume, turnover ...)
     * TO STDOUT}: tab separated, NULL as \N, ending in a newline.
     */
    void add(byte[] row) {
        int to = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
        int tab = indexOf(row, 0, to);
        long openTime = openTime(row, tab);
        read++;
        lastOpenTime = openTime;
        lastRow = row;
        lastRowTimeEnd = tab;
        if (candles == null) {
            return;
        }
        for (int i = 0; i < VALUES.length; i++) {
            starts[i] = tab + 1;
            tab = i == VALUES.length - 1 ? to : indexOf(row, starts[i], to);
            ends[i] = tab;
        }
        if (storableAsIs(row, openTime, starts[0] - 1)) {
            candles.add(openTime, row, 0, UTC_LENGTH, row, starts[OPEN], to);
            lastStored = openTime;
        } else {
            judge(row, openTime);
        }
    }

    /** The rows that surely pass the validator, decided on the text: most of them. */
    private boolean storableAsIs(byte[] row, long openTime, int openTimeEnd) {
        if (openTimeEnd != UTC_LENGTH || Math.floorMod(openTime, CandleInterval.BASE_MILLIS) != 0 || openTime > lastClosed
                || openTime == lastStored) {
            return false;
        }
        for (int i = 0; i < VALUES.length; i++) {
            if (!DecimalText.plain(row, starts[i], ends[i])) {
                return false;
            }
        }
        return compare(row, HIGH, LOW) >= 0 && compare(row, HIGH, OPEN) >= 0 && compare(row, HIGH, CLOSE) >= 0
                && compare(row, LOW, OPEN) <= 0 && compare(row, LOW, CLOSE) <= 0;
    }

    private int compare(byte[] row, int a, int b) {
        return DecimalText.compare(row, starts[a], ends[a], row, starts[b], ends[b]);
    }

    /** Any other row, through the validator's own rules (a row with a missing or non-numeric value never gets there). */
    private void judge(byte[] row, long openTime) {
        String[] text = new String[VALUES.length];
        BigDecimal[] values = new BigDecimal[VALUES.length];
        String missing = null;
        for (int i = 0; i < VALUES.length; i++) {
            String value = new String(row, starts[i], ends[i] - starts[i], StandardCharsets.US_ASCII);
            text[i] = "\\N".equals(value) ? null : value;
            if (text[i] == null) {
                missing = missing == null ? VALUES[i] + " missing" : missing;
                continue;
            }
            try {
                values[i] = new BigDecimal(text[i]);
            } catch (NumberFormatException e) {
                missing = missing == null ? VALUES[i] + " is not a number: " + text[i] : missing;
            }
        }
        if (missing != null) {
            rejected.add(new RejectedCandle(openTime, raw(openTime, text), missing));
            return;
        }
        Candle candle = new Candle(openTime, values[0], values[1], values[2], values[3], values[4], values[5]);
        // The window of a legacy page is the page itself: every row is inside it.
        String reason = CandleValidator.problem(candle, Long.MIN_VALUE, Long.MAX_VALUE, lastClosed);
        if (reason == null && openTime == lastStored) {
            reason = "duplicate open time in one response";
        }
        if (reason == null) {
            candles.add(openTime, text);
            lastStored = openTime;
        } else if (!reason.equals(CandleValidator.NOT_CLOSED)) {
            rejected.add(new RejectedCandle(openTime, candle.toString(), reason));
        }
    }

    private static String raw(long openTime, String[] text) {
        StringBuilder sb = new StringBuilder("{timestamp=").append(Instant.ofEpochMilli(openTime));
        for (int i = 0; i < VALUES.length; i++) {
            sb.append(", ").append(VALUES[i]).append('=').append(text[i]);
        }
        return sb.append('}').toString();
    }

    /**
     * The first column, the open time as UTC text "2020-01-01 00:05:00", a fraction of a second after it if any (ISO
     * DateStyle, which pgjdbc sets), in epoch milliseconds (a fraction truncated, as java.sql.Timestamp did). Parsed in
     * place; the date's millis are kept for the next rows, which mostly share it.
     */
    private long openTime(byte[] row, int to) {
        if (to < UTC_LENGTH || row[4] != '-' || row[7] != '-' || row[10] != ' ' || row[13] != ':' || row[16] != ':'
                || (to > UTC_LENGTH && row[UTC_LENGTH] != '.')) {
            throw malformed(row);
        }
        if (!sameDate(row)) {
            try {
                dayMillis = LocalDate.of(digits(row, 0, 4), digits(row, 5, 7), digits(row, 8, 10)).toEpochDay() * DAY_MILLIS;
            } catch (DateTimeException e) {
                throw malformed(row);
            }
            System.arraycopy(row, 0, date, 0, DATE_LENGTH);
        }
        long millis = dayMillis + (digits(row, 11, 13) * 3600L + digits(row, 14, 16) * 60L + digits(row, 17, 19)) * 1000L;
        for (int i = UTC_LENGTH + 1, scale = 100; i < to; i++, scale /= 10) {
            millis += (long) digits(row, i, i + 1) * scale;
        }
        return millis;
    }

    private boolean sameDate(byte[] row) {
        for (int i = 0; i < DATE_LENGTH; i++) {
            if (row[i] != date[i]) {
                return false;
            }
        }
        return true;
    }

    private static int digits(byte[] row, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = row[i] - '0';
            if (digit < 0 || digit > 9) {
                throw malformed(row);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static IllegalStateException malformed(byte[] row) {
        return new IllegalStateException("malformed legacy kline row: " + new String(row, StandardCharsets.US_ASCII));
    }

    private static int indexOf(byte[] row, int from, int to) {
        for (int i = from; i < to; i++) {
            if (row[i] == '\t') {
                return i;
            }
        }
        throw malformed(row);
    }

    LegacyTableRun run() {
        return run;
    }

    LegacyKlineSymbol symbol() {
        return symbol;
    }

    /** Null when the symbol was not imported. */
    CandleCopyText candles() {
        return candles;
    }

    List<RejectedCandle> rejected() {
        return rejected;
    }

    int read() {
        return read;
    }

    /** The last row's open time exactly as read ("2020-01-01 00:05:00[.ffffff]", UTC), checked by the parsing. */
    String lastOpenTimeUtc() {
        return new String(lastRow, 0, lastRowTimeEnd, StandardCharsets.US_ASCII);
    }

    /** Where the next page starts: "legacySymbolId:lastOpenTimeMillis". */
    String cursor() {
        return symbol.legacyId() + ":" + lastOpenTime;
    }
}
