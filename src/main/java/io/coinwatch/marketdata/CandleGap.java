package io.coinwatch.marketdata;

/** A recorded hole in a symbol's candles, first and last missing open time inclusive. */
public record CandleGap(long id, int symbolId, String exchange, String symbol, long start, long end, String status,
                        int attempts, long detectedAt, String lastError) {
}
