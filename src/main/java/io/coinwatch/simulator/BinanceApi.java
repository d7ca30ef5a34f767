package io.coinwatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinwatch.core.model.Candle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Binance spot market endpoints over the simulator's USDT perpetuals, in Binance's wire format: times as numbers,
 * prices and quantities as strings with at least 8 decimals, errors as HTTP 400 {"code": -11xx, "msg": ...}.
 *
 * <ul>
 *   <li>GET /api/v3/exchangeInfo: symbol, symbols (JSON array), symbolStatus (TRADING, HALT, BREAK). A few generated
 *       symbols are HALT or BREAK.</li>
 *   <li>GET /api/v3/klines: symbol, interval (only 5m is simulated; others get "Invalid interval."), startTime,
 *       endTime, limit 1..1000 (default 500). 12-element rows, oldest first, closeTime = openTime + 5m - 1 ms; taker
 *       volumes and trade counts are derived from the candle so they stay deterministic.</li>
 * </ul>
 */
final class BinanceApi implements ApiHandler {

    static final String EXCHANGE_INFO_PATH = "/api/v3/exchangeInfo";
    static final String KLINES_PATH = "/api/v3/klines";
    private static final KlineRequest.Dialect KLINE_DIALECT = new KlineRequest.Dialect("startTime", "endTime", "5m", 500);
    private static final int MIN_DECIMALS = 8;
    private static final BigDecimal AVERAGE_TRADE_SIZE = BigDecimal.valueOf(250);
    private static final Set<String> STATUSES = Set.of("TRADING", "HALT", "BREAK");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedExchange exchange;
    private final long seed;
    private final int weightLimit;

    BinanceApi(SimulatedExchange exchange, long seed, int weightLimit) {
        this.exchange = exchange;
        this.seed = seed;
        this.weightLimit = weightLimit;
    }

    @Override
    public ApiResponse route(ApiRequest request) {
        return switch (request.path()) {
            case EXCHANGE_INFO_PATH -> exchangeInfo(request);
            case KLINES_PATH -> klines(request);
            default -> ApiResponse.text(404, "Not Found");
        };
    }

    static ApiResponse error(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("msg", message);
        return ApiResponse.json(status, body);
    }

    @Override
    public ApiResponse reject(InvalidParameterException e) {
        String parameter = e.parameter();
        return switch (e.problem()) {
            case MISSING -> error(400, -1102,
                    "Mandatory parameter '" + parameter + "' was not sent, was empty/null, or malformed.");
            case MALFORMED -> error(400, -1100,
                    "Illegal characters found in parameter '" + parameter + "'; legal range is '^[0-9]{1,20}$'.");
            case UNSUPPORTED -> switch (parameter) {
                case "symbol" -> error(400, -1121, "Invalid symbol.");
                case "interval" -> error(400, -1120, "Invalid interval.");
                default -> invalidValue(parameter);
            };
            case OUT_OF_RANGE -> invalidValue(parameter);
            case CONFLICT -> error(400, -1023, "Start time is greater than end time.");
        };
    }

    private static ApiResponse invalidValue(String parameter) {
        return error(400, -1130, "Data sent for parameter '" + parameter + "' is not valid.");
    }

    private ApiResponse exchangeInfo(ApiRequest request) {
        List<String> requested = requestedSymbols(request);
        String statusFilter = request.param("symbolStatus");
        if (statusFilter != null && !STATUSES.contains(statusFilter)) {
            throw InvalidParameterException.unsupported("symbolStatus", statusFilter);
        }
        Stream<Instrument> listed = requested == null
                ? exchange.listed().filter(BinanceApi::isSpotPair)
                : requested.stream().map(symbol -> exchange.listing(symbol).filter(BinanceApi::isSpotPair)
                        .orElseThrow(() -> InvalidParameterException.unsupported("symbol", symbol)));
        List<Map<String, Object>> symbols = listed
                .filter(i -> statusFilter == null || statusFilter.equals(statusOf(i)))
                .map(this::symbolJson)
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timezone", "UTC");
        body.put("serverTime", exchange.now());
        body.put("rateLimits", List.of(
                rateLimit("REQUEST_WEIGHT", "MINUTE", 1, weightLimit),
                rateLimit("ORDERS", "SECOND", 10, 100),
                rateLimit("ORDERS", "DAY", 1, 200_000),
                rateLimit("RAW_REQUESTS", "MINUTE", 5, 61_000)));
        body.put("exchangeFilters", List.of());
        body.put("symbols", symbols);
        return ApiResponse.json(200, body);
    }

    /** The symbol or symbols parameter as a list, or null when neither was sent (all symbols). */
    private static List<String> requestedSymbols(ApiRequest request) {
        String symbol = request.param("symbol");
        if (symbol != null) {
            return List.of(symbol);
        }
        String symbols = request.param("symbols");
        if (symbols == null) {
            return null;
        }
        try {
            return JSON.readValue(symbols, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("symbols", InvalidParameterException.Problem.MALFORMED,
                    "symbols must be a JSON array");
        }
    }

    /** The simulated spot market mirrors the trading USDT perpetuals. */
    private static boolean isSpotPair(Instrument instrument) {
        return instrument.isUsdtPerpetual() && instrument.status() == Instrument.Status.Trading;
    }

    /** Most symbols trade; about one generated symbol in thirty is halted or in a break, to exercise status filtering. */
    private String statusOf(Instrument instrument) {
        if (WellKnownAssets.byBaseCoin(instrument.baseCoin()) != null) {
            return "TRADING";
        }
        return switch ((int) Math.floorMod(Seeds.mix(Seeds.mix(seed, "binance-status"), instrument.symbol()), 60L)) {
            case 0 -> "BREAK";
            case 1 -> "HALT";
            default -> "TRADING";
        };
    }

    private Map<String, Object> symbolJson(Instrument instrument) {
        BigDecimal tick = BigDecimal.ONE.movePointLeft(instrument.priceScale());
        BigDecimal step = BigDecimal.ONE.movePointLeft(instrument.qtyScale());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", instrument.symbol());
        json.put("status", statusOf(instrument));
        json.put("baseAsset", instrument.baseCoin());
        json.put("baseAssetPrecision", MIN_DECIMALS);
        json.put("quoteAsset", instrument.quoteCoin());
        json.put("quotePrecision", MIN_DECIMALS);
        json.put("quoteAssetPrecision", MIN_DECIMALS);
        json.put("baseCommissionPrecision", MIN_DECIMALS);
        json.put("quoteCommissionPrecision", MIN_DECIMALS);
        json.put("orderTypes", List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"));
        json.put("icebergAllowed", true);
        json.put("ocoAllowed", true);
        json.put("otoAllowed", true);
        json.put("quoteOrderQtyMarketAllowed", true);
        json.put("allowTrailingStop", true);
        json.put("cancelReplaceAllowed", true);
        json.put("isSpotTradingAllowed", true);
        json.put("isMarginTradingAllowed", false);
        json.put("filters", List.of(
                filter("PRICE_FILTER", "minPrice", decimal(tick), "maxPrice",
                        decimal(tick.multiply(BigDecimal.valueOf(10_000_000))), "tickSize", decimal(tick)),
                filter("LOT_SIZE", "minQty", decimal(step), "maxQty",
                        decimal(step.multiply(BigDecimal.valueOf(9_000_000))), "stepSize", decimal(step)),
                filter("NOTIONAL", "minNotional", "5.00000000", "maxNotional", "9000000.00000000",
                        "avgPriceMins", 5)));
        json.put("permissions", List.of());
        json.put("permissionSets", List.of(List.of("SPOT")));
        json.put("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
        json.put("allowedSelfTradePreventionModes", List.of("EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"));
        return json;
    }

    private ApiResponse klines(ApiRequest request) {
        KlineRequest query = KlineRequest.read(request, KLINE_DIALECT, exchange);
        long takerSeed = Seeds.mix(Seeds.mix(seed, "binance-taker"), query.symbol());
        List<List<Object>> rows = new ArrayList<>();
        for (Candle candle : exchange.candles(query)) {
            rows.add(row(candle, takerSeed));
        }
        return ApiResponse.json(200, rows);
    }

    private static List<Object> row(Candle candle, long takerSeed) {
        BigDecimal takerShare = BigDecimal.valueOf(0.35 + 0.3 * Seeds.random(takerSeed, candle.openTime()).nextDouble());
        BigDecimal takerBase = candle.volume().multiply(takerShare).setScale(candle.volume().scale(), RoundingMode.DOWN);
        BigDecimal takerQuote = candle.turnover().multiply(takerShare)
                .setScale(candle.turnover().scale(), RoundingMode.DOWN);
        long trades = candle.volume().signum() == 0 ? 0
                : 1 + candle.turnover().divideToIntegralValue(AVERAGE_TRADE_SIZE).longValue();
        return List.of(candle.openTime(), decimal(candle.open()), decimal(candle.high()), decimal(candle.low()),
                decimal(candle.close()), decimal(candle.volume()),
                candle.openTime() + CandleSeries.FIVE_MINUTES - 1, decimal(candle.turnover()), trades,
                decimal(takerBase), decimal(takerQuote), "0");
    }

    /** Binance pads to 8 decimals ("0.01000000") but must not lose the digits of a finer replayed value. */
    private static String decimal(BigDecimal value) {
        return value.setScale(Math.max(MIN_DECIMALS, value.scale())).toPlainString();
    }

    private static Map<String, Object> rateLimit(String type, String interval, int intervalNum, int limit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rateLimitType", type);
        json.put("interval", interval);
        json.put("intervalNum", intervalNum);
        json.put("limit", limit);
        return json;
    }

    private static Map<String, Object> filter(String type, Object... namesAndValues) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("filterType", type);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            json.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return json;
    }
}
