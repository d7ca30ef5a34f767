package io.coinwatch.marketdata;

/** The base interval every exchange adapter collects; derived intervals are built from it. */
public final class CandleInterval {

    public static final int BASE_MINUTES = 5;
    public static final long BASE_MILLIS = BASE_MINUTES * 60_000L;

    private CandleInterval() {
    }

    /** Open time of the last candle that is closed at {@code nowMillis}. */
    public static long lastClosedOpenTime(long nowMillis) {
        return Math.floorDiv(nowMillis, BASE_MILLIS) * BASE_MILLIS - BASE_MILLIS;
    }

    /** The first grid open time at or after {@code millis}. */
    public static long alignUp(long millis) {
        return Math.floorDiv(millis + BASE_MILLIS - 1, BASE_MILLIS) * BASE_MILLIS;
    }
}
