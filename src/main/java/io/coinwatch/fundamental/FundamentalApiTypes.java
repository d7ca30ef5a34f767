package io.coinwatch.fundamental;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The response bodies of /api/v1/fundamental as records, named by the REST DSL as outType so the OpenAPI document
 * carries their schemas. Every per-symbol answer starts with the coin it resolved to; CoinGecko's own fields follow
 * as it sent them. Times are epoch milliseconds UTC.
 */
public final class FundamentalApiTypes {

    private FundamentalApiTypes() {
    }

    /** How an exchange base asset maps to a CoinGecko coin (status mapped or unmapped, with why). */
    public record AssetMapping(String exchange, String baseAsset, String status, String coinId, long multiplier, String method,
                               String detail, boolean active, long decidedAt) {
        static AssetMapping of(CoinMappingStore.Mapping m) {
            return new AssetMapping(m.exchange(), m.baseAsset(), m.coinId() == null ? "unmapped" : "mapped", m.coinId(),
                    m.multiplier(), m.method(), m.detail(), m.active(), m.decidedAt());
        }
    }

    public record MappingList(List<AssetMapping> mappings) {
    }

    /**
     * A base asset with what is known of its coin: name and categories from the metadata, market cap and rank from the
     * latest snapshot (the metadata's rank until there is one); coinId null with mappingDetail saying why when unmapped.
     */
    public record AssetProfile(String baseAsset, String coinId, String mappingDetail, String name, List<String> categories,
                               BigDecimal marketCap, Integer marketCapRank) {
    }

    /** Every active base asset of an exchange, as market-data enriches its symbols with them. */
    public record AssetProfileList(String exchange, List<AssetProfile> assets) {
    }

    /** The coin's CoinGecko metadata after the coin head, null where CoinGecko has none. */
    public record CoinMetadata(String exchange, String baseAsset, String coinId, long multiplier, String coinSymbol, String name,
                               String description, List<String> categories, String genesisDate, String hashingAlgorithm,
                               BigDecimal blockTimeInMinutes, String assetPlatformId, CoinWebLinks links, CoinImages images,
                               Integer marketCapRank, List<CoinPlatform> platforms, Long sourceUpdatedAt, long fetchedAt) {
    }

    public record CoinWebLinks(String homepage, String whitepaper, String subreddit, String twitter, String telegram, String github) {
    }

    public record CoinImages(String thumb, String small, String large) {
    }

    /** A chain the coin's token lives on, with its contract address there. */
    public record CoinPlatform(String platform, String contractAddress) {
    }

    /** The latest market metrics (metrics) or, with history=true, the snapshots ascending (history). */
    public record CoinMetrics(String exchange, String baseAsset, String coinId, long multiplier, Map<String, Object> metrics,
                              List<Map<String, Object>> history) {
    }

    /** The latest sentiment per source: source, status (ok, not configured, no handle, no data yet), score in [-1, 1], ... */
    public record CoinSentiment(String exchange, String baseAsset, String coinId, long multiplier, List<Map<String, Object>> sources) {
    }
}
