package io.coinwatch.simulator;

import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CoinGecko's coin endpoints (the demo/public API shape), errors as {"error": ...}.
 *
 * <ul>
 *   <li>GET /api/v3/coins/list: every coin as {id, symbol, name}, sorted by id, no paging; include_platform=true adds
 *       platforms (contract address per asset platform, empty for native coins).</li>
 *   <li>GET /api/v3/coins/{id}: the coin's metadata document; unknown ids get 404 {"error":"coin not found"}. The
 *       localization/tickers/market_data/community_data/developer_data flags are accepted, but those sections are
 *       never included.</li>
 *   <li>GET /api/v3/coins/markets: vs_currency (required; only usd is simulated), ids (comma list), order
 *       (market_cap_desc default, market_cap_asc, volume_desc, volume_asc, id_asc, id_desc; unranked coins come after
 *       ranked ones by market cap), per_page 1..250 (default 100), page (default 1), price_change_percentage
 *       (1h,24h,7d,14d,30d,200d,1y adds price_change_percentage_&lt;w&gt;_in_currency).</li>
 * </ul>
 */
final class CoinGeckoApi implements ApiHandler {

    static final String LIST_PATH = "/api/v3/coins/list";
    static final String MARKETS_PATH = "/api/v3/coins/markets";
    private static final String COIN_PATH_PREFIX = "/api/v3/coins/";
    private static final Map<String, Double> CHANGE_WINDOW_DAYS = Map.of(
            "1h", 1.0 / 24, "24h", 1.0, "7d", 7.0, "14d", 14.0, "30d", 30.0, "200d", 200.0, "1y", 365.0);
    private static final Comparator<CoinCatalog.Coin> BY_MARKET_CAP_RANK = Comparator.comparing(
            (CoinCatalog.Coin coin) -> coin.marketCapRank() == null ? Integer.MAX_VALUE : coin.marketCapRank())
            .thenComparing(CoinCatalog.Coin::id);
    private static final Map<String, Comparator<CoinCatalog.Coin>> ORDERS = Map.of(
            "market_cap_desc", BY_MARKET_CAP_RANK,
            "market_cap_asc", Comparator.comparingDouble(CoinCatalog.Coin::marketCap).thenComparing(CoinCatalog.Coin::id),
            "volume_desc", Comparator.comparingDouble(CoinCatalog.Coin::totalVolume).reversed()
                    .thenComparing(CoinCatalog.Coin::id),
            "volume_asc", Comparator.comparingDouble(CoinCatalog.Coin::totalVolume).thenComparing(CoinCatalog.Coin::id),
            "id_asc", Comparator.comparing(CoinCatalog.Coin::id),
            "id_desc", Comparator.comparing(CoinCatalog.Coin::id).reversed());

    private final CoinCatalog catalog;
    private final Clock marketClock;

    CoinGeckoApi(CoinCatalog catalog, Clock marketClock) {
        this.catalog = catalog;
        this.marketClock = marketClock;
    }

    @Override
    public ApiResponse route(ApiRequest request) {
        String path = request.path();
        if (path.equals(LIST_PATH)) {
            return list(request);
        }
        if (path.equals(MARKETS_PATH)) {
            return markets(request);
        }
        String coinId = path.substring(COIN_PATH_PREFIX.length());
        return coinId.isEmpty() || coinId.contains("/") ? error(404, "Not Found") : coin(coinId);
    }

    @Override
    public ApiResponse reject(InvalidParameterException e) {
        return error(400, e.getMessage());
    }

    private ApiResponse list(ApiRequest request) {
        boolean withPlatforms = "true".equals(request.param("include_platform"));
        return ApiResponse.json(200, catalog.coins().stream().map(coin -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", coin.id());
            json.put("symbol", coin.symbol());
            json.put("name", coin.name());
            if (withPlatforms) {
                json.put("platforms", coin.platforms());
            }
            return json;
        }).toList());
    }

    private ApiResponse coin(String id) {
        return catalog.coin(id)
                .map(coin -> ApiResponse.json(200, stamped(coin.details())))
                .orElseGet(() -> error(404, "coin not found"));
    }

    private ApiResponse markets(ApiRequest request) {
        String currency = request.required("vs_currency");
        if (!currency.equalsIgnoreCase("usd")) {
            throw new InvalidParameterException("vs_currency", InvalidParameterException.Problem.UNSUPPORTED,
                    "invalid vs_currency");
        }
        String order = request.param("order") == null ? "market_cap_desc" : request.param("order");
        Comparator<CoinCatalog.Coin> comparator = ORDERS.get(order);
        if (comparator == null) {
            throw InvalidParameterException.unsupported("order", order);
        }
        int perPage = request.intInRange("per_page", 100, 1, 250);
        int page = request.intInRange("page", 1, 1, Integer.MAX_VALUE);
        Set<String> ids = commaList(request.param("ids"));
        List<String> changeWindows = commaList(request.param("price_change_percentage")).stream()
                .filter(CHANGE_WINDOW_DAYS::containsKey)
                .sorted(Comparator.comparing(CHANGE_WINDOW_DAYS::get))
                .toList();
        return ApiResponse.json(200, catalog.coins().stream()
                .filter(coin -> ids.isEmpty() || ids.contains(coin.id()))
                .sorted(comparator)
                .skip((long) (page - 1) * perPage)
                .limit(perPage)
                .map(coin -> marketRow(coin, changeWindows))
                .toList());
    }

    private Map<String, Object> marketRow(CoinCatalog.Coin coin, List<String> changeWindows) {
        Map<String, Object> row = stamped(coin.marketRow());
        for (String window : changeWindows) {
            // Changes over longer windows spread wider, like a random walk's.
            double change = window.equals("24h")
                    ? coin.priceChangePercentage24h()
                    : Seeds.random(coin.seed(), window.hashCode()).nextGaussian() * 4 * Math.sqrt(CHANGE_WINDOW_DAYS.get(window));
            row.put("price_change_percentage_" + window + "_in_currency", change);
        }
        return row;
    }

    private Map<String, Object> stamped(Map<String, Object> document) {
        Map<String, Object> json = new LinkedHashMap<>(document);
        json.put("last_updated", CoinCatalog.TIMESTAMP.format(marketClock.instant()));
        return json;
    }

    private static Set<String> commaList(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(item -> item.trim().toLowerCase(Locale.ROOT))
                .filter(item -> !item.isEmpty())
                .collect(Collectors.toSet());
    }

    private static ApiResponse error(int status, String message) {
        return ApiResponse.json(status, Map.of("error", message));
    }
}
