package io.coinwatch.marketdata.indicator;

import java.util.List;
import java.util.Map;

/**
 * What the API returns for an indicator besides symbol and interval: its name, the parameters actually used and the
 * defined values, ascending by open time, each row {"openTime": ..., field: value, ...}. The field names are
 * value (rsi, sma, ema, obv, atr), macd/signal/histogram, upper/middle/lower/bandwidth and k/d.
 */
public record IndicatorResult(String indicator, Map<String, Object> params, List<Map<String, Object>> values) {
}
