package io.coinwatch.fundamental;

/**
 * What an exchange base asset is on CoinGecko, and how that was decided; coinId null (method unmapped) when it is
 * not known, detail then saying why.
 *
 * @param method override, unique-symbol, market-cap-rank or unmapped
 */
public record MappingDecision(AssetRef asset, String coinId, long multiplier, String method, String detail) {

    public static final String OVERRIDE = "override";
    public static final String UNIQUE_SYMBOL = "unique-symbol";
    public static final String MARKET_CAP_RANK = "market-cap-rank";
    public static final String UNMAPPED = "unmapped";

    static MappingDecision unmapped(AssetRef asset, String reason) {
        return new MappingDecision(asset, null, 1, UNMAPPED, reason);
    }

    public boolean mapped() {
        return coinId != null;
    }
}
