package io.coinwatch.simulator;

import io.coinwatch.core.model.Candle;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bybit v5 market endpoints for the linear category, in Bybit's wire format: every number a string, results wrapped in
 * {retCode, retMsg, result, retExtInfo, time}, parameter errors as HTTP 200 with retCode 10001.
 *
 * <ul>
 *   <li>GET /v5/market/instruments-info: category (required, linear), status (default Trading only, as Bybit does;
 *       PreLaunch contracts appear only with status=PreLaunch), symbol, baseCoin, limit 1..1000 (default 500), cursor.
 *       nextPageCursor is Bybit-style ("first%3D...%26last%3D...") and empty on the last page.</li>
 *   <li>GET /v5/market/kline: category (default linear), symbol, interval (only 5 is simulated; others get
 *       "Invalid period!"), start, end (inclusive), limit 1..1000 (default 200). Rows
 *       [startTime, open, high, low, close, volume, turnover], newest first, including the open candle.</li>
 * </ul>
 */
final class BybitApi implements ApiHandler {

    static final String INSTRUMENTS_PATH = "/v5/market/instruments-info";
    static final String KLINE_PATH = "/v5/market/kline";
    private static final String CATEGORY = "linear";
    private static final KlineRequest.Dialect KLINE_DIALECT = new KlineRequest.Dialect("start", "end", "5", 200);
    private static final int PARAMS_ERROR = 10001;
    private static final Map<String, String> UNSUPPORTED_VALUE_MESSAGES = Map.of(
            "symbol", "Not supported symbols",
            "interval", "Invalid period!",
            "category", "Illegal category");

    private final SimulatedExchange exchange;

    BybitApi(SimulatedExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public ApiResponse route(ApiRequest request) {
        return switch (request.path()) {
            case INSTRUMENTS_PATH -> instruments(request);
            case KLINE_PATH -> kline(request);
            default -> ApiResponse.text(404, "Not Found");
        };
    }

    @Override
    public ApiResponse reject(InvalidParameterException e) {
        String message = e.problem() == InvalidParameterException.Problem.UNSUPPORTED
                ? UNSUPPORTED_VALUE_MESSAGES.getOrDefault(e.parameter(), "params error: " + e.getMessage())
                : "params error: " + e.getMessage();
        return envelope(PARAMS_ERROR, message, Map.of(), exchange.now());
    }

    /** Bybit's response envelope; with retCode != 0 the result is an empty object. */
    static ApiResponse envelope(int retCode, String retMsg, Object result, long time) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("retCode", retCode);
        body.put("retMsg", retMsg);
        body.put("result", result);
        body.put("retExtInfo", Map.of());
        body.put("time", time);
        return ApiResponse.json(200, body);
    }

    private ApiResponse instruments(ApiRequest request) {
        checkCategory(request.required("category"));
        Instrument.Status status = status(request.param("status"));
        String symbol = request.param("symbol");
        String baseCoin = request.param("baseCoin");
        int limit = request.intInRange("limit", 500, 1, 1000);
        String cursor = request.param("cursor");
        Stream<Instrument> remaining = cursor == null || cursor.isEmpty()
                ? exchange.listed()
                : exchange.listedAfter(lastSymbolOf(cursor));
        List<Instrument> matching = remaining
                .filter(i -> i.status() == status)
                .filter(i -> symbol == null || i.symbol().equals(symbol))
                .filter(i -> baseCoin == null || i.baseCoin().equals(baseCoin))
                .limit(limit + 1L)
                .toList();
        List<Instrument> page = matching.subList(0, Math.min(limit, matching.size()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("category", CATEGORY);
        result.put("list", page.stream().map(BybitApi::instrumentJson).toList());
        result.put("nextPageCursor", matching.size() > limit ? cursorFor(page) : "");
        return envelope(0, "OK", result, exchange.now());
    }

    private ApiResponse kline(ApiRequest request) {
        String category = request.param("category");
        checkCategory(category == null ? CATEGORY : category);
        KlineRequest query = KlineRequest.read(request, KLINE_DIALECT, exchange);
        List<Candle> oldestFirst = exchange.candles(query);
        List<List<String>> newestFirst = new ArrayList<>(oldestFirst.size());
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            newestFirst.add(row(oldestFirst.get(i)));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("symbol", query.symbol());
        result.put("category", CATEGORY);
        result.put("list", newestFirst);
        return envelope(0, "OK", result, exchange.now());
    }

    private static List<String> row(Candle candle) {
        return List.of(String.valueOf(candle.openTime()), candle.open().toPlainString(), candle.high().toPlainString(),
                candle.low().toPlainString(), candle.close().toPlainString(), candle.volume().toPlainString(),
                candle.turnover().toPlainString());
    }

    private static void checkCategory(String category) {
        if (!CATEGORY.equals(category)) {
            throw InvalidParameterException.unsupported("category", category);
        }
    }

    private static Instrument.Status status(String status) {
        if (status == null) {
            return Instrument.Status.Trading;
        }
        return Arrays.stream(Instrument.Status.values())
                .filter(s -> s.name().equals(status))
                .findFirst()
                .orElseThrow(() -> InvalidParameterException.unsupported("status", status));
    }

    /**
     * Bybit's cursor reads "first%3DAAVEUSDT%26last%3DBTCUSDT": percent signs included, so a client that sends it as
     * is and one that URL-encodes it once more must both work.
     */
    private static String cursorFor(List<Instrument> page) {
        return "first%3D" + page.get(0).symbol() + "%26last%3D" + page.get(page.size() - 1).symbol();
    }

    private static String lastSymbolOf(String cursor) {
        String decoded = cursor.contains("%") ? URLDecoder.decode(cursor, StandardCharsets.UTF_8) : cursor;
        for (String pair : decoded.split("&")) {
            if (pair.startsWith("last=") && pair.length() > "last=".length()) {
                return pair.substring("last=".length());
            }
        }
        throw InvalidParameterException.unsupported("cursor", cursor);
    }

    private static Map<String, Object> instrumentJson(Instrument instrument) {
        BigDecimal tick = BigDecimal.ONE.movePointLeft(instrument.priceScale());
        BigDecimal qtyStep = BigDecimal.ONE.movePointLeft(instrument.qtyScale());
        boolean future = instrument.contractType() == Instrument.ContractType.LinearFutures;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", instrument.symbol());
        json.put("contractType", instrument.contractType().name());
        json.put("status", instrument.status().name());
        json.put("baseCoin", instrument.baseCoin());
        json.put("quoteCoin", instrument.quoteCoin());
        if (instrument.launchTimeOnWire() != null) {
            json.put("launchTime", instrument.launchTimeOnWire());
        }
        json.put("deliveryTime", String.valueOf(instrument.deliveryTime()));
        json.put("deliveryFeeRate", future ? "0.0005" : "");
        json.put("priceScale", String.valueOf(instrument.priceScale()));
        json.put("leverageFilter", Map.of("minLeverage", "1", "maxLeverage", "50.00", "leverageStep", "0.01"));
        json.put("priceFilter", Map.of(
                "minPrice", plain(tick),
                "maxPrice", plain(tick.multiply(BigDecimal.valueOf(1_999_998))),
                "tickSize", plain(tick)));
        json.put("lotSizeFilter", Map.of(
                "maxOrderQty", plain(qtyStep.multiply(BigDecimal.valueOf(1_000_000))),
                "minOrderQty", plain(qtyStep),
                "qtyStep", plain(qtyStep),
                "postOnlyMaxOrderQty", plain(qtyStep.multiply(BigDecimal.valueOf(1_000_000))),
                "maxMktOrderQty", plain(qtyStep.multiply(BigDecimal.valueOf(200_000))),
                "minNotionalValue", "5"));
        json.put("unifiedMarginTrade", true);
        json.put("fundingInterval", 480);
        json.put("settleCoin", instrument.quoteCoin());
        json.put("copyTrading", "both");
        json.put("upperFundingRate", "0.005");
        json.put("lowerFundingRate", "-0.005");
        json.put("isPreListing", instrument.status() == Instrument.Status.PreLaunch);
        json.put("preListingInfo", null);
        json.put("displayName", "");
        json.put("symbolType", "");
        return json;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
