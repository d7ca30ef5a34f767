package io.coinwatch.marketdata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.api.ApiErrorHandling;
import io.coinwatch.core.api.ApiException;
import io.coinwatch.core.api.ApiResponses;
import io.coinwatch.marketdata.MarketDataApiTypes.IndicatorScreen;
import io.coinwatch.marketdata.MarketDataApiTypes.IndicatorSeries;
import io.coinwatch.marketdata.indicator.IndicatorRequest;
import io.coinwatch.marketdata.indicator.InvalidIndicatorRequestException;

/** /api/v1/market-data/indicators: one indicator of one symbol over a window, and the latest values of all symbols. */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class IndicatorApiRoutes extends RouteBuilder {

    private static final String RSI_EXAMPLE = """
            {"symbol":"BTCUSDT","exchange":"bybit","indicator":"rsi","interval":"1h","params":{"period":14},
             "values":[{"openTime":1735689600000,"rsi":56.12},{"openTime":1735693200000,"rsi":54.87}]}""";
    private static final List<String> PARAMS = List.of("period", "fast", "slow", "signal", "stddev", "slowk", "slowd");

    private final MarketDataParams params;
    private final IndicatorQuery indicators;
    private final IndicatorCalculation latest;

    public IndicatorApiRoutes(MarketDataParams params, IndicatorQuery indicators, IndicatorCalculation latest) {
        this.params = params;
        this.indicators = indicators;
        this.latest = latest;
    }

    @Override
    public void configure() {
        rest("/market-data/indicators").description("Technical indicators (TA-Lib semantics)").produces("application/json")
                .get("/latest").id("api-indicators-latest").description("Every active symbol's latest value of a default indicator")
                    .outType(IndicatorScreen.class.getName())
                    .param().name("name").type(RestParamType.query).dataType("string").required(true).allowableValues(IndicatorRequest.NAMES)
                        .description("The indicator").endParam()
                    .param().name("interval").type(RestParamType.query).dataType("string").defaultValue("1h").required(false)
                        .allowableValues(CandleInterval.codes()).description("Candle interval").endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false)
                        .description("The exchange (bybit, binance)").endParam()
                    .responseMessage().code(200).message("The latest value per symbol").endResponseMessage()
                    .responseMessage().code(400).message("Unknown indicator, interval or exchange").endResponseMessage()
                    .to("direct:api-indicators-latest")
                .get("/{symbol}/{name}").id("api-indicators")
                    .description("Indicator values keyed by candle openTime, ascending; warm-up candles before start are read so the first value is converged. "
                            + "Defaults: rsi 14, macd 12/26/9, bbands 20/2, sma 20, ema 20, atr 14, stoch 14/3/3 (period/slowk/slowd)")
                    .outType(IndicatorSeries.class.getName())
                    .param().name("symbol").type(RestParamType.path).dataType("string").description("The exchange's symbol, e.g. BTCUSDT").endParam()
                    .param().name("name").type(RestParamType.path).dataType("string").allowableValues(IndicatorRequest.NAMES).description("The indicator").endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false)
                        .description("The exchange (bybit, binance)").endParam()
                    .param().name("interval").type(RestParamType.query).dataType("string").defaultValue("5m").required(false)
                        .allowableValues(CandleInterval.codes()).description("Candle interval").endParam()
                    .param().name("start").type(RestParamType.query).dataType("integer").dataFormat("int64").required(false).description("First open time, epoch ms").endParam()
                    .param().name("end").type(RestParamType.query).dataType("integer").dataFormat("int64").required(false).description("Last open time, epoch ms").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").defaultValue("200").required(false).description("1..1000 values at most").endParam()
                    .param().name("period").type(RestParamType.query).dataType("integer").required(false).description("2..500 (rsi, sma, ema, bbands, atr, stoch fast %K)").endParam()
                    .param().name("fast").type(RestParamType.query).dataType("integer").required(false).description("2..500 macd fast period, less than slow").endParam()
                    .param().name("slow").type(RestParamType.query).dataType("integer").required(false).description("2..500 macd slow period").endParam()
                    .param().name("signal").type(RestParamType.query).dataType("integer").required(false).description("2..500 macd signal period").endParam()
                    .param().name("stddev").type(RestParamType.query).dataType("number").required(false).description("bbands: standard deviations, greater than 0").endParam()
                    .param().name("slowk").type(RestParamType.query).dataType("integer").required(false).description("2..500 stoch %K smoothing").endParam()
                    .param().name("slowd").type(RestParamType.query).dataType("integer").required(false).description("2..500 stoch %D smoothing").endParam()
                    .responseMessage().code(200).message("The values; with too little history an empty list and candlesNeeded")
                        .example("rsi 14 on BTCUSDT 1h", RSI_EXAMPLE).endResponseMessage()
                    .responseMessage().code(400).message("Unknown indicator or invalid parameter (the message lists the valid choices)").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol").endResponseMessage()
                    .to("direct:api-indicators");

        from("direct:api-indicators").routeId("api-indicators").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::indicator);
        from("direct:api-indicators-latest").routeId("api-indicators-latest").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::latest);
    }

    private void indicator(Exchange e) {
        Message in = e.getMessage();
        IndicatorRequest request = request(in.getHeader("name", String.class), in);
        MarketSymbol symbol = params.symbol(in);
        CandleInterval interval = params.interval(in);
        MarketDataParams.Range range = params.range(in);
        IndicatorQuery.Answer answer = indicators.compute(symbol, interval, request, range.start(), range.end(), range.limit());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol.symbol());
        body.put("exchange", symbol.exchange());
        body.put("indicator", answer.result().indicator());
        body.put("interval", interval.code());
        body.put("params", answer.result().params());
        body.put("values", answer.result().values());
        if (answer.candlesNeeded() != null) {
            body.put("candlesNeeded", answer.candlesNeeded());
            body.put("candlesAvailable", answer.candlesAvailable());
        }
        ApiResponses.json(e, 200, body);
    }

    private void latest(Exchange e) {
        Message in = e.getMessage();
        String name = in.getHeader("name", String.class);
        if (name == null || !IndicatorRequest.NAMES.contains(name)) {
            throw ApiException.badRequest("unknown_indicator", "name must be one of " + IndicatorRequest.NAMES);
        }
        CandleInterval interval = params.interval(withDefaultInterval(in));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("indicator", name);
        body.put("interval", interval.code());
        body.put("values", latest.screen(params.exchange(in), interval, name));
        ApiResponses.json(e, 200, body);
    }

    private static Message withDefaultInterval(Message in) {
        if (in.getHeader("interval") == null) {
            in.setHeader("interval", "1h");
        }
        return in;
    }

    private static IndicatorRequest request(String name, Message in) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : PARAMS) {
            String value = in.getHeader(p, String.class);
            if (value != null) {
                params.put(p, value);
            }
        }
        try {
            return IndicatorRequest.of(name, params);
        } catch (InvalidIndicatorRequestException x) {
            throw ApiException.badRequest(x.code(), x.getMessage());
        }
    }
}
