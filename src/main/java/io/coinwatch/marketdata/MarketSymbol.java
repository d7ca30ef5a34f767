package io.coinwatch.marketdata;

/**
 * A tradable instrument as stored: delisted symbols stay, with active=false and their history. collected: within the
 * exchange's collection scope (or pinned), so backfilled, synced and audited; a symbol not collected keeps its history.
 */
public record MarketSymbol(int id, String exchange, String symbol, String baseAsset, String quoteAsset, String contractType,
                           String status, boolean active, long launchTime, Long delistedAt, boolean collected) {
}
