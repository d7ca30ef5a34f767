package io.coinwatch.simulator;

/**
 * A kline request as Bybit and Binance both interpret it: with a start, the first {@code limit} candles from start
 * (forward paging); without one, the last {@code limit} candles up to end, or up to now when end is absent too.
 * Both bounds are inclusive and may be null.
 */
record KlineRequest(String symbol, Long start, Long end, int limit) {

    /** How one exchange names its kline parameters and which interval value means 5 minutes. */
    record Dialect(String startParameter, String endParameter, String fiveMinuteInterval, int defaultLimit) {
    }

    /** Reads and checks symbol, interval, bounds and limit (1..1000), raising what the exchange would refuse. */
    static KlineRequest read(ApiRequest request, Dialect dialect, SimulatedExchange exchange) {
        String symbol = request.required("symbol");
        if (!exchange.hasCandles(symbol)) {
            throw InvalidParameterException.unsupported("symbol", symbol);
        }
        String interval = request.required("interval");
        if (!dialect.fiveMinuteInterval().equals(interval)) {
            throw InvalidParameterException.unsupported("interval", interval);
        }
        Long start = request.optionalLong(dialect.startParameter());
        Long end = request.optionalLong(dialect.endParameter());
        int limit = request.intInRange("limit", dialect.defaultLimit(), 1, 1000);
        if (start != null && end != null && start > end) {
            throw new InvalidParameterException(dialect.startParameter(), InvalidParameterException.Problem.CONFLICT,
                    dialect.startParameter() + " must not be after " + dialect.endParameter());
        }
        return new KlineRequest(symbol, start, end, limit);
    }

    boolean anchoredAtStart() {
        return start != null;
    }

    long from() {
        return start == null ? Long.MIN_VALUE : start;
    }

    long to() {
        return end == null ? Long.MAX_VALUE : end;
    }
}
