package io.coinwatch.core.model;

import java.math.BigDecimal;

/**
 * One OHLCV candle. openTime is epoch milliseconds UTC; prices and volumes keep the exchange's full precision.
 */
public record Candle(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                     BigDecimal volume, BigDecimal turnover) {
}
