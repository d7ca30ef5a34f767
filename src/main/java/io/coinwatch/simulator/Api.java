package io.coinwatch.simulator;

import java.util.Optional;

/**
 * The real services the simulator stands in for. All are served from the root of one server, told apart by the
 * paths they own exactly as the real hosts lay them out (Bybit under /v5, CoinGecko under /api/v3/coins, Binance under
 * the rest of /api/v3, Reddit under /r), so an adapter needs nothing but a different base URL.
 */
public enum Api {
    BYBIT,
    BINANCE,
    COINGECKO,
    REDDIT;

    private static final String COINGECKO_PREFIX = "/api/v3/coins/";

    static Optional<Api> owning(String path) {
        if (path.startsWith("/v5/")) {
            return Optional.of(BYBIT);
        }
        if (path.startsWith(COINGECKO_PREFIX)) {
            return Optional.of(COINGECKO);
        }
        if (path.startsWith("/api/v3/")) {
            return Optional.of(BINANCE);
        }
        if (path.startsWith(RedditApi.PREFIX)) {
            return Optional.of(REDDIT);
        }
        return Optional.empty();
    }

    /**
     * What a request is about, for fault matching and the request log: the exchange symbol, the CoinGecko coin id of
     * /coins/{id} or the subreddit. Null for requests about no single instrument (lists, markets).
     */
    String subjectOf(ApiRequest request) {
        if (this == REDDIT) {
            return RedditApi.subreddit(request.path());
        }
        if (this != COINGECKO) {
            return request.param("symbol");
        }
        String coinId = request.path().substring(COINGECKO_PREFIX.length());
        return coinId.isEmpty() || coinId.contains("/") || coinId.equals("list") || coinId.equals("markets")
                ? null : coinId;
    }
}
