package io.coinwatch.marketdata;

/** A row that is never stored as a candle: kept in quarantine with the reason. */
public record RejectedCandle(long openTime, String raw, String reason) {
}
