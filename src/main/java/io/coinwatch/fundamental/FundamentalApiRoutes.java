package io.coinwatch.fundamental;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.CoinMappingStore.Mapping;
import io.coinwatch.fundamental.FundamentalApiTypes.AssetMapping;
import io.coinwatch.fundamental.FundamentalApiTypes.AssetProfileList;
import io.coinwatch.fundamental.FundamentalApiTypes.CoinMetadata;
import io.coinwatch.fundamental.FundamentalApiTypes.CoinMetrics;
import io.coinwatch.fundamental.FundamentalApiTypes.CoinSentiment;
import io.coinwatch.fundamental.FundamentalApiTypes.MappingList;
import io.coinwatch.fundamental.sentiment.SentimentCollector;
import io.coinwatch.core.api.ApiErrorHandling;
import io.coinwatch.core.api.ApiException;
import io.coinwatch.core.api.ApiParams;
import io.coinwatch.core.api.ApiResponses;

/**
 * /api/v1/fundamental: the asset-to-coin mapping, and per symbol its coin's metadata, market metrics (latest or
 * history) and sentiment per source. {symbol} is an exchange symbol (BTCUSDT) or base asset (BTC) of the exchange
 * parameter (bybit by default).
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class FundamentalApiRoutes extends RouteBuilder {

    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9]{1,40}");
    private static final Pattern EXCHANGE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final String SYMBOL_DOC = "Exchange symbol (BTCUSDT) or base asset (BTC, 1000PEPE)";
    private static final String EXCHANGE_DOC = "The exchange (bybit, binance)";

    private final FundamentalSymbols symbols;
    private final CoinMappingStore mappings;
    private final CoinMetadataStore metadata;
    private final MarketMetricsStore metrics;
    private final SentimentCollector sentiment;
    private final AssetProfiles assets;

    public FundamentalApiRoutes(FundamentalSymbols symbols, CoinMappingStore mappings, CoinMetadataStore metadata,
                                MarketMetricsStore metrics, SentimentCollector sentiment, AssetProfiles assets) {
        this.symbols = symbols;
        this.mappings = mappings;
        this.metadata = metadata;
        this.metrics = metrics;
        this.sentiment = sentiment;
        this.assets = assets;
    }

    @Override
    public void configure() {
        rest("/fundamental").description("CoinGecko mapping, coin metadata, market metrics and sentiment").produces("application/json")
                .get("/assets").id("api-fundamental-assets")
                    .description("Every active base asset of an exchange with its coin: name, categories, market cap and rank "
                            + "(what market-data enriches its symbols with, one call per exchange)")
                    .outType(AssetProfileList.class.getName())
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .responseMessage().code(200).message("The exchange's base assets with their coins").endResponseMessage()
                    .responseMessage().code(400).message("Invalid exchange").endResponseMessage()
                    .to("direct:api-fundamental-assets")
                .get("/mapping").id("api-fundamental-mapping")
                    .description("Which CoinGecko coin each exchange base asset is, how that was decided, and the assets left unmapped with the reason")
                    .outType(MappingList.class.getName())
                    .param().name("exchange").type(RestParamType.query).dataType("string").required(false).description("Only this exchange; all when absent").endParam()
                    .param().name("status").type(RestParamType.query).dataType("string").required(false).allowableValues("mapped", "unmapped")
                        .description("Only mapped or only unmapped assets").endParam()
                    .responseMessage().code(200).message("The mappings").endResponseMessage()
                    .responseMessage().code(400).message("Invalid exchange or status").endResponseMessage()
                    .to("direct:api-fundamental-mapping")
                .get("/metadata/{symbol}").id("api-fundamental-metadata").description("The coin's CoinGecko metadata, refreshed weekly")
                    .outType(CoinMetadata.class.getName())
                    .param().name("symbol").type(RestParamType.path).dataType("string").description(SYMBOL_DOC).endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .responseMessage().code(200).message("The coin head, then coinSymbol, name, description, categories, genesisDate, "
                            + "hashingAlgorithm, blockTimeInMinutes, assetPlatformId, links{homepage,whitepaper,subreddit,twitter,telegram,github}, "
                            + "images{thumb,small,large}, marketCapRank, platforms[{platform,contractAddress}], sourceUpdatedAt, fetchedAt").endResponseMessage()
                    .responseMessage().code(400).message("Invalid symbol or exchange").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol, asset not mapped to a coin, or no metadata yet").endResponseMessage()
                    .to("direct:api-fundamental-metadata")
                .get("/metrics/{symbol}").id("api-fundamental-metrics")
                    .description("The coin's latest CoinGecko market metrics, or with history=true its snapshots (one per hourly run), ascending")
                    .outType(CoinMetrics.class.getName())
                    .param().name("symbol").type(RestParamType.path).dataType("string").description(SYMBOL_DOC).endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .param().name("history").type(RestParamType.query).dataType("boolean").defaultValue("false").required(false)
                        .description("The snapshots instead of the latest").endParam()
                    .param().name("start").type(RestParamType.query).dataType("integer").dataFormat("int64").required(false)
                        .description("0.. history: first collectedAt, epoch ms").endParam()
                    .param().name("end").type(RestParamType.query).dataType("integer").dataFormat("int64").required(false)
                        .description("0.. history: last collectedAt, epoch ms").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").defaultValue("1000").required(false)
                        .description("1..10000 history: the latest this many snapshots in the range").endParam()
                    .responseMessage().code(200).message("metrics {collectedAt, currentPrice, marketCap, marketCapRank, ...} or history "
                            + "[{collectedAt, ...}]; numbers as CoinGecko sent them, null where it sent none").endResponseMessage()
                    .responseMessage().code(400).message("Invalid symbol, exchange, history, start, end or limit").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol, asset not mapped to a coin, or no metrics yet").endResponseMessage()
                    .to("direct:api-fundamental-metrics")
                .get("/sentiment/{symbol}").id("api-fundamental-sentiment")
                    .description("The coin's latest sentiment per source (score in [-1, 1]); disabled sources say \"not configured\" and why")
                    .outType(CoinSentiment.class.getName())
                    .param().name("symbol").type(RestParamType.path).dataType("string").description(SYMBOL_DOC).endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .responseMessage().code(200).message("sources [{source, status: ok|not configured|no handle|no data yet, "
                            + "reason, handle, score, samples, details, collectedAt}]").endResponseMessage()
                    .responseMessage().code(400).message("Invalid symbol or exchange").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol or asset not mapped to a coin").endResponseMessage()
                    .to("direct:api-fundamental-sentiment");

        from("direct:api-fundamental-assets").routeId("api-fundamental-assets").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::assets);
        from("direct:api-fundamental-mapping").routeId("api-fundamental-mapping").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::mapping);
        from("direct:api-fundamental-metadata").routeId("api-fundamental-metadata").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::metadata);
        from("direct:api-fundamental-metrics").routeId("api-fundamental-metrics").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::metrics);
        from("direct:api-fundamental-sentiment").routeId("api-fundamental-sentiment").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::sentiment);
    }

    private void assets(Exchange e) {
        String exchange = knownExchange(e.getMessage().getHeader("exchange", "bybit", String.class));
        ApiResponses.json(e, 200, new AssetProfileList(exchange, assets.list(exchange)));
    }

    private void mapping(Exchange e) {
        Message in = e.getMessage();
        String exchange = in.getHeader("exchange", String.class);
        if (exchange != null) {
            exchange = knownExchange(exchange);
        }
        String status = in.getHeader("status", String.class);
        if (status != null && !status.equals("mapped") && !status.equals("unmapped")) {
            throw ApiException.badRequest("invalid_status", "status must be mapped or unmapped");
        }
        ApiResponses.json(e, 200, new MappingList(mappings.list(exchange, status == null ? null : status.equals("mapped")).stream()
                .map(AssetMapping::of).toList()));
    }

    private void metadata(Exchange e) {
        Mapping coin = resolve(e.getMessage());
        Map<String, Object> json = head(coin);
        json.putAll(metadata.find(coin.coinId()).orElseThrow(() -> noData("metadata", coin)));
        ApiResponses.json(e, 200, json);
    }

    private void metrics(Exchange e) {
        Message in = e.getMessage();
        String historyParam = in.getHeader("history", "false", String.class);
        if (!historyParam.equals("true") && !historyParam.equals("false")) {
            throw ApiException.badRequest("invalid_history", "history must be true or false");
        }
        boolean history = historyParam.equals("true");
        Long start = ApiParams.optionalLong(in.getHeader("start", String.class), "start");
        Long end = ApiParams.optionalLong(in.getHeader("end", String.class), "end");
        int limit = ApiParams.intInRange(in.getHeader("limit", String.class), "limit", 1000, 1, 10_000);
        if (!history && (start != null || end != null)) {
            throw ApiException.badRequest("invalid_params", "start and end apply to history=true only");
        }
        if (start != null && start < 0 || end != null && end < 0) {
            throw ApiException.badRequest("invalid_range", "start and end are epoch milliseconds and cannot be negative");
        }
        if (start != null && end != null && start > end) {
            throw ApiException.badRequest("invalid_range", "start " + start + " is after end " + end);
        }
        Mapping coin = resolve(in);
        Map<String, Object> json = head(coin);
        if (history) {
            json.put("history", metrics.history(coin.coinId(), start, end, limit));
        } else {
            json.put("metrics", metrics.latest(coin.coinId()).orElseThrow(() -> noData("market metrics", coin)));
        }
        ApiResponses.json(e, 200, json);
    }

    private void sentiment(Exchange e) {
        Mapping coin = resolve(e.getMessage());
        Map<String, Object> json = head(coin);
        json.put("sources", sentiment.status(coin.coinId()));
        ApiResponses.json(e, 200, json);
    }

    /** The mapped coin of the requested symbol or base asset, or the 4xx that says why there is none. */
    private Mapping resolve(Message in) {
        String exchange = knownExchange(in.getHeader("exchange", "bybit", String.class));
        String symbol = in.getHeader("symbol", "", String.class);
        if (!SYMBOL.matcher(symbol).matches()) {
            throw ApiException.badRequest("invalid_symbol", "symbol must be 1 to 40 letters and digits, got '" + ApiParams.abbreviate(symbol) + "'");
        }
        String asset = symbols.baseAsset(exchange, symbol).orElseThrow(() -> ApiException.notFound("unknown_symbol",
                "No symbol or base asset '" + symbol.toUpperCase(Locale.ROOT) + "' on " + exchange));
        Mapping mapping = mappings.find(exchange, asset).orElseThrow(() -> ApiException.notFound("not_mapped",
                exchange + " " + asset + " is not mapped to a CoinGecko coin yet; mapping runs on symbol.added and daily"));
        if (mapping.coinId() == null) {
            throw ApiException.notFound("not_mapped", exchange + " " + asset + " is not mapped to a CoinGecko coin: " + mapping.detail());
        }
        return mapping;
    }

    private String knownExchange(String exchange) {
        if (!EXCHANGE.matcher(exchange).matches()
                || !symbols.knowsExchange(exchange)) {
            throw ApiException.badRequest("invalid_exchange", "Unknown exchange '" + ApiParams.abbreviate(exchange) + "'");
        }
        return exchange;
    }

    private static Map<String, Object> head(Mapping coin) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exchange", coin.exchange());
        json.put("baseAsset", coin.baseAsset());
        json.put("coinId", coin.coinId());
        json.put("multiplier", coin.multiplier());
        return json;
    }

    private static ApiException noData(String what, Mapping coin) {
        return ApiException.notFound("no_data", "No " + what + " for " + coin.coinId() + " yet");
    }
}
