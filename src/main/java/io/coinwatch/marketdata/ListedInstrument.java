package io.coinwatch.marketdata;

/** An instrument as an exchange lists it, after validation: what symbol discovery compares with the stored ones. */
public record ListedInstrument(String symbol, String baseAsset, String quoteAsset, String contractType, String status,
                               long launchTime) {
}
