package io.coinwatch.marketdata;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Candle intervals: 5m is the base interval every exchange adapter collects and the only one stored; the others the
 * API serves are built from it in UTC buckets (days at midnight, weeks on Monday). Each also answers to Bybit's code
 * (5, 15, 60, 240, D, W ...).
 */
public enum CandleInterval {
    M5("5m", "5", 5),
    M15("15m", "15", 15),
    M30("30m", "30", 30),
    H1("1h", "60", 60),
    H2("2h", "120", 120),
    H4("4h", "240", 240),
    H6("6h", "360", 360),
    H12("12h", "720", 720),
    D1("1d", "D", 1440),
    W1("1w", "W", 10080);

    public static final int BASE_MINUTES = 5;
    public static final long BASE_MILLIS = BASE_MINUTES * 60_000L;

    private final String code;
    private final String bybitCode;
    private final int minutes;

    CandleInterval(String code, String bybitCode, int minutes) {
        this.code = code;
        this.bybitCode = bybitCode;
        this.minutes = minutes;
    }

    public String code() {
        return code;
    }

    public int minutes() {
        return minutes;
    }

    public long millis() {
        return minutes * 60_000L;
    }

    public boolean isBase() {
        return minutes == BASE_MINUTES;
    }

    /** Base candles in one bucket of this interval. */
    public int baseCandles() {
        return minutes / BASE_MINUTES;
    }

    public static Optional<CandleInterval> parse(String value) {
        return Arrays.stream(values()).filter(i -> i.code.equals(value) || i.bybitCode.equals(value)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(CandleInterval::code).toList();
    }

    /** Open time of the last base candle that is closed at {@code nowMillis}. */
    public static long lastClosedOpenTime(long nowMillis) {
        return Math.floorDiv(nowMillis, BASE_MILLIS) * BASE_MILLIS - BASE_MILLIS;
    }

    /** The first base grid open time at or after {@code millis}. */
    public static long alignUp(long millis) {
        return Math.floorDiv(millis + BASE_MILLIS - 1, BASE_MILLIS) * BASE_MILLIS;
    }
}
