package io.coinwatch.marketdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventEnvelope;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.api.ApiErrorHandling;
import io.coinwatch.core.api.ApiException;
import io.coinwatch.core.api.ApiParams;
import io.coinwatch.core.api.ApiResponses;
import io.coinwatch.core.audit.AuditLog;
import io.coinwatch.core.security.Caller;
import io.coinwatch.core.api.OpenApiContract;
import io.coinwatch.marketdata.MarketDataApiTypes.GapList;
import io.coinwatch.marketdata.MarketDataApiTypes.KlinePage;
import io.coinwatch.marketdata.MarketDataApiTypes.SymbolInfo;
import io.coinwatch.marketdata.MarketDataApiTypes.SymbolList;

/** /api/v1/market-data: symbols, klines in every interval, the gap registry, backfill progress and backfill requests. */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class MarketDataApiRoutes extends RouteBuilder {

    private static final List<String> GAP_STATUSES = List.of("open", "repaired", "unfillable");
    private static final List<String> SORTS = List.of("symbol", "marketCapRank");
    static final String EXCHANGE_DOC = "The exchange (bybit, binance)";
    static final String SYMBOL_DOC = "The exchange's symbol, e.g. BTCUSDT";
    private static final String KLINES_EXAMPLE = """
            {"symbol":"BTCUSDT","exchange":"bybit","interval":"1h","klines":[
             {"openTime":1735689600000,"open":93576.0,"high":94200.5,"low":93400.1,"close":94101.2,"volume":1523.442,"turnover":143028846.71},
             {"openTime":1735693200000,"open":94101.2,"high":94350.0,"low":93900.0,"close":94012.8,"volume":987.105,"turnover":92861337.02}],
             "incompleteBuckets":0}""";

    private final SymbolListing listing;
    private final KlineQuery klines;
    private final GapAudit gaps;
    private final BackfillReport backfill;
    private final MarketDataParams params;
    private final KlineBackfill backfills;
    private final AuditLog audit;

    public MarketDataApiRoutes(SymbolListing listing, KlineQuery klines, GapAudit gaps, BackfillReport backfill,
                               MarketDataParams params, KlineBackfill backfills, AuditLog audit) {
        this.audit = audit;
        this.listing = listing;
        this.klines = klines;
        this.gaps = gaps;
        this.backfill = backfill;
        this.params = params;
        this.backfills = backfills;
    }

    @Override
    public void configure() {
        rest("/market-data").description("Symbols, candles, gaps, backfill progress and backfill requests").produces("application/json")
                .get("/symbols").id("api-market-symbols")
                    .description("Symbols of an exchange, delisted ones included, with their collection state and fundamental enrichment")
                    .outType(SymbolList.class.getName())
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .param().name("sort").type(RestParamType.query).dataType("string").defaultValue("symbol").required(false)
                        .allowableValues(SORTS).description("marketCapRank: best first, unranked last").endParam()
                    .param().name("category").type(RestParamType.query).dataType("string").required(false)
                        .description("Only symbols whose coin has this CoinGecko category (case-insensitive)").endParam()
                    .param().name("collected").type(RestParamType.query).dataType("boolean").required(false)
                        .description("Only symbols collected (true) or not collected (false)").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").defaultValue("10000").required(false)
                        .description("1..10000 symbols at most").endParam()
                    .responseMessage().code(200).message("The exchange's symbols").endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange, invalid sort, collected or limit").endResponseMessage()
                    .to("direct:api-market-symbols")
                .get("/symbols/{symbol}").id("api-market-symbol").description("One symbol")
                    .outType(SymbolInfo.class.getName())
                    .param().name("symbol").type(RestParamType.path).dataType("string").description(SYMBOL_DOC).endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .responseMessage().code(200).message("The symbol").endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange or invalid symbol").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol").endResponseMessage()
                    .to("direct:api-market-symbol")
                .get("/klines/{symbol}").id("api-market-klines")
                    .description("Candles ascending by open time; derived intervals contain complete buckets only")
                    .outType(KlinePage.class.getName())
                    .param().name("symbol").type(RestParamType.path).dataType("string").description(SYMBOL_DOC).endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .param().name("interval").type(RestParamType.query).dataType("string").defaultValue("5m").required(false)
                        .allowableValues(CandleInterval.codes()).description("Candle interval").endParam()
                    .param().name("start").type(RestParamType.query).dataType("integer").dataFormat("int64").required(false).description("First open time, epoch ms").endParam()
                    .param().name("end").type(RestParamType.query).dataType("integer").dataFormat("int64").required(false).description("Last open time, epoch ms").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").defaultValue("200").required(false).description("1..1000 candles at most (the latest of the range)").endParam()
                    .responseMessage().code(200).message("The candles")
                        .example("BTCUSDT 1h", KLINES_EXAMPLE).endResponseMessage()
                    .responseMessage().code(400).message("Invalid interval, limit, start or end").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol").endResponseMessage()
                    .to("direct:api-market-klines")
                .get("/gaps").id("api-market-gaps").description("The gap registry")
                    .outType(GapList.class.getName())
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .param().name("symbol").type(RestParamType.query).dataType("string").required(false).description("Only this symbol's gaps").endParam()
                    .param().name("status").type(RestParamType.query).dataType("string").required(false)
                        .allowableValues(GAP_STATUSES).description("Only gaps in this state").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").defaultValue("1000").required(false).description("1..10000 gaps at most").endParam()
                    .responseMessage().code(200).message("The gaps").endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange, invalid status or limit").endResponseMessage()
                    .to("direct:api-market-gaps")
                .get("/backfill/status").id("api-market-backfill-status").description("Backfill progress, overall and per symbol, with ETA")
                    .outType(BackfillReport.Report.class.getName())
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .responseMessage().code(200).message("The progress").endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange").endResponseMessage()
                    .to("direct:api-market-backfill-status")
                .post("/backfill/{symbol}").id("api-market-backfill-request")
                    .description("Backfill a symbol again from its range start (missing candles are fetched, stored ones kept); "
                            + "asynchronous: follow it on /backfill/status")
                    .security(OpenApiContract.BASIC_AUTH)
                    .param().name("symbol").type(RestParamType.path).dataType("string").description(SYMBOL_DOC).endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(EXCHANGE_DOC).endParam()
                    .responseMessage().code(202).message("Backfill requested").responseModel(BackfillRequested.class).endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol").endResponseMessage()
                    .to("direct:api-market-backfill-request");

        from("direct:api-market-symbols").routeId("api-market-symbols").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::symbols);
        from("direct:api-market-symbol").routeId("api-market-symbol").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> ApiResponses.json(e, 200, listing.one(params.symbol(e.getMessage()))));
        from("direct:api-market-klines").routeId("api-market-klines").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::klines);
        from("direct:api-market-gaps").routeId("api-market-gaps").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::gaps);
        from("direct:api-market-backfill-status").routeId("api-market-backfill-status").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> ApiResponses.json(e, 200, backfill.report(params.exchange(e.getMessage()))));
        from("direct:api-market-backfill-request").routeId("api-market-backfill-request").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::requestBackfill);
    }

    private void symbols(Exchange e) {
        Message in = e.getMessage();
        String exchange = params.exchange(in);
        String sort = in.getHeader("sort", "symbol", String.class);
        if (!SORTS.contains(sort)) {
            throw ApiException.badRequest("invalid_sort", "sort must be one of " + SORTS + ", not '" + ApiParams.abbreviate(sort) + "'");
        }
        String collected = in.getHeader("collected", String.class);
        if (collected != null && !collected.equals("true") && !collected.equals("false")) {
            throw ApiException.badRequest("invalid_collected", "collected must be true or false, not '" + ApiParams.abbreviate(collected) + "'");
        }
        int limit = ApiParams.intInRange(in.getHeader("limit", String.class), "limit", 10_000, 1, 10_000);
        String category = in.getHeader("category", String.class);
        ApiResponses.json(e, 200, new SymbolList(listing.list(exchange, category == null || category.isBlank() ? null : category,
                collected == null ? null : Boolean.valueOf(collected),
                sort.equals("symbol") ? SymbolListing.Sort.SYMBOL : SymbolListing.Sort.MARKET_CAP_RANK, limit)));
    }

    /** A KlinePage written as bytes around the candles' pre-rendered JSON: nothing is parsed or serialised again. */
    private void klines(Exchange e) {
        Message in = e.getMessage();
        MarketDataParams.SymbolRef symbol = params.symbolRef(in);
        CandleInterval interval = params.interval(in);
        MarketDataParams.Range range = params.range(in);
        ByteArrayOutputStream body = new ByteArrayOutputStream(range.limit() * 160 + 128);
        body.writeBytes(("{\"symbol\":" + quoted(symbol.symbol()) + ",\"exchange\":" + quoted(symbol.exchange())
                + ",\"interval\":" + quoted(interval.code()) + ",\"klines\":").getBytes(StandardCharsets.UTF_8));
        long incomplete = klines.writeJson(symbol.id(), interval, range.start(), range.end(), range.limit(), body);
        body.writeBytes((",\"incompleteBuckets\":" + incomplete + "}").getBytes(StandardCharsets.UTF_8));
        ApiResponses.jsonBytes(e, 200, body.toByteArray());
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private record Requested(MarketSymbol symbol, EventEnvelope event) {
    }

    private void requestBackfill(Exchange e) {
        Message in = e.getMessage();
        // The target as asked for, so a refused request (unknown symbol or exchange) is recorded too.
        String target = ApiParams.abbreviate(in.getHeader("exchange", "bybit", String.class)) + ":"
                + ApiParams.abbreviate(String.valueOf(in.getHeader("symbol", String.class)));
        Requested requested = audit.record(Caller.of(e), "backfill.request", target, () -> {
            MarketSymbol symbol = params.symbol(in);
            return new Requested(symbol, backfills.request(symbol));
        });
        ApiResponses.json(e, 202, new BackfillRequested("requested", requested.symbol().exchange(), requested.symbol().symbol(),
                requested.event().id()));
    }

    private void gaps(Exchange e) {
        Message in = e.getMessage();
        String status = in.getHeader("status", String.class);
        if (status != null && !GAP_STATUSES.contains(status)) {
            throw ApiException.badRequest("invalid_status", "status must be one of " + GAP_STATUSES);
        }
        String symbol = in.getHeader("symbol", String.class);
        int limit = ApiParams.intInRange(in.getHeader("limit", String.class), "limit", 1000, 1, 10000);
        List<CandleGap> list = gaps.list(params.exchange(in), symbol, status, limit);
        ApiResponses.json(e, 200, new GapList(list));
    }
}
