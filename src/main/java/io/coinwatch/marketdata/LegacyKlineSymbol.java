package io.coinwatch.marketdata;

/**
 * A legacy symbol whose klines are to be imported, after the open time {@code after} (resuming; Long.MIN_VALUE: from
 * its first). {@code symbol} is null when its symbol row was rejected: its candles have no symbol to belong to.
 */
record LegacyKlineSymbol(long legacyId, String legacyName, MarketSymbol symbol, long after) {
}
