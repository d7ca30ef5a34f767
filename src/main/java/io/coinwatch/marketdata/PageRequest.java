package io.coinwatch.marketdata;

/** One exchange request for candles of a symbol, open times start..end inclusive (at most 1000 candles). */
public record PageRequest(int symbolId, String exchange, String symbol, long start, long end) {

    public static final int MAX_CANDLES = 1000;
}
