package io.coinwatch.marketdata;

import java.util.List;

import io.coinwatch.core.model.Candle;

/** The candles of one exchange response, oldest first, and the rows that could not be accepted. */
public record KlinePage(List<Candle> candles, List<RejectedCandle> rejected) {
}
