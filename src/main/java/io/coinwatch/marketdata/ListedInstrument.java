package io.coinwatch.marketdata;

/**
 * An instrument as an exchange lists it, after validation: what symbol discovery compares with the stored ones.
 *
 * @param launchTime when it started trading (epoch ms); null when the exchange's listing does not say (Binance), in
 *                   which case discovery takes the stored value or asks the exchange for the first candle
 */
public record ListedInstrument(String symbol, String baseAsset, String quoteAsset, String contractType, String status,
                               Long launchTime) {

    public ListedInstrument withLaunchTime(long time) {
        return new ListedInstrument(symbol, baseAsset, quoteAsset, contractType, status, time);
    }
}
