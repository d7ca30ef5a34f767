package io.coinwatch.simulator;

/**
 * One tradable contract as the simulated exchange lists it, with its candles.
 *
 * @param launchTime       when its candles start (epoch ms, on the 5m grid)
 * @param launchTimeOnWire what instruments-info shows as launchTime: normally launchTime as a string, but null
 *                         (field omitted) or non-numeric for the deliberately malformed items
 * @param deliveryTime     expiry of dated futures in epoch ms, 0 for perpetuals
 * @param priceScale       decimals of the tick size
 * @param qtyScale         decimals of the quantity step; negative for steps of 10, 100, ...
 * @param referencePrice   the price level around which its candles wander, in quote currency per contract
 */
record Instrument(String symbol, ContractType contractType, Status status, String baseCoin, String quoteCoin,
                  long launchTime, String launchTimeOnWire, long deliveryTime, int priceScale, int qtyScale,
                  double referencePrice, CandleSeries candles) {

    /** Bybit's contract types for the linear category; constants are named exactly as on the wire. */
    enum ContractType { LinearPerpetual, LinearFutures }

    /** Bybit's instrument statuses; constants are named exactly as on the wire. */
    enum Status { PreLaunch, Trading, Settling, Delivering, Closed }

    static Instrument perpetual(String symbol, String baseCoin, String quoteCoin, long launchTime, int priceScale,
                                int qtyScale, double referencePrice, CandleSeries candles) {
        return new Instrument(symbol, ContractType.LinearPerpetual, Status.Trading, baseCoin, quoteCoin, launchTime,
                String.valueOf(launchTime), 0, priceScale, qtyScale, referencePrice, candles);
    }

    boolean isUsdtPerpetual() {
        return contractType == ContractType.LinearPerpetual && "USDT".equals(quoteCoin);
    }

    Instrument withStatus(Status newStatus) {
        return new Instrument(symbol, contractType, newStatus, baseCoin, quoteCoin, launchTime, launchTimeOnWire,
                deliveryTime, priceScale, qtyScale, referencePrice, candles);
    }

    Instrument withLaunchTimeOnWire(String wireValue) {
        return new Instrument(symbol, contractType, status, baseCoin, quoteCoin, launchTime, wireValue,
                deliveryTime, priceScale, qtyScale, referencePrice, candles);
    }

    Instrument asFuture(long delivery) {
        return new Instrument(symbol, ContractType.LinearFutures, status, baseCoin, quoteCoin, launchTime,
                launchTimeOnWire, delivery, priceScale, qtyScale, referencePrice, candles);
    }
}
