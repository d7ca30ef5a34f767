package io.coinwatch.marketdata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The response bodies of /api/v1/market-data as records: the routes answer them, and the REST DSL names them as
 * outType, so the OpenAPI document carries their schemas. Times are epoch milliseconds UTC.
 */
public final class MarketDataApiTypes {

    private MarketDataApiTypes() {
    }

    /**
     * A symbol of an exchange; status is the exchange's (Trading, ...) or Delisted. collected with why (collectionReason)
     * and the operator's pin or drop (collectionOverride); coinId to enrichedAt are the fundamental enrichment, null
     * (categories empty) until the symbol's base asset is mapped to a coin.
     */
    public record SymbolInfo(String symbol, String exchange, String baseAsset, String quoteAsset, String status, boolean active,
                             long launchTime, Long delistedAt, boolean collected, String collectionReason,
                             String collectionOverride, String coinId, String name, BigDecimal marketCap, Integer marketCapRank,
                             List<String> categories, Long enrichedAt) {
    }

    public record SymbolList(List<SymbolInfo> symbols) {
    }

    /** One candle; prices and volumes as decimal numbers, exactly as stored. */
    public record Kline(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
                        BigDecimal turnover) {
    }

    /** Candles ascending by open time; incompleteBuckets counts derived buckets left out for missing base candles. */
    public record KlinePage(String symbol, String exchange, String interval, List<Kline> klines, int incompleteBuckets) {
    }

    public record GapList(List<CandleGap> gaps) {
    }

    /**
     * An indicator's values keyed by candle openTime (each value an object with openTime and the indicator's fields);
     * with too little history an empty list with candlesNeeded and candlesAvailable.
     */
    public record IndicatorSeries(String symbol, String exchange, String indicator, String interval, Map<String, Object> params,
                                  List<Map<String, Object>> values, Integer candlesNeeded, Integer candlesAvailable) {
    }

    /** Every active symbol's latest value of an indicator: objects with symbol, openTime and the indicator's fields. */
    public record IndicatorScreen(String indicator, String interval, List<Map<String, Object>> values) {
    }
}
