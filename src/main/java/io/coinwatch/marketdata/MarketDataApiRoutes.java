package io.coinwatch.marketdata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.util.RawValue;
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

/** /api/v1/market-data: symbols, klines in every interval, the gap registry, backfill progress and backfill requests. */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class MarketDataApiRoutes extends RouteBuilder {

    private static final Set<String> GAP_STATUSES = Set.of("open", "repaired", "unfillable");

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
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).endParam()
                    .param().name("sort").type(RestParamType.query).dataType("string").defaultValue("symbol").required(false)
                        .allowableValues("symbol", "marketCapRank").description("marketCapRank: best first, unranked last").endParam()
                    .param().name("category").type(RestParamType.query).dataType("string").required(false)
                        .description("Only symbols whose coin has this CoinGecko category (case-insensitive)").endParam()
                    .param().name("collected").type(RestParamType.query).dataType("boolean").required(false).endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").defaultValue("10000").required(false).description("1..10000").endParam()
                    .responseMessage().code(200).message("{symbols:[{symbol,exchange,baseAsset,quoteAsset,status,active,launchTime,delistedAt,"
                            + "collected,collectionReason,collectionOverride,coinId,name,marketCap,marketCapRank,categories,enrichedAt}]}").endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange, invalid sort, collected or limit").endResponseMessage()
                    .to("direct:api-market-symbols")
                .get("/symbols/{symbol}").id("api-market-symbol").description("One symbol")
                    .param().name("symbol").type(RestParamType.path).dataType("string").endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).endParam()
                    .responseMessage().code(404).message("Unknown symbol").endResponseMessage()
                    .to("direct:api-market-symbol")
                .get("/klines/{symbol}").id("api-market-klines")
                    .description("Candles ascending by open time; derived intervals contain complete buckets only")
                    .param().name("symbol").type(RestParamType.path).dataType("string").endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).endParam()
                    .param().name("interval").type(RestParamType.query).dataType("string").defaultValue("5m").required(false)
                        .allowableValues(CandleInterval.codes()).description("Also Bybit's codes: 5, 15, 30, 60, 120, 240, 360, 720, D, W").endParam()
                    .param().name("start").type(RestParamType.query).dataType("integer").required(false).description("First open time, epoch ms").endParam()
                    .param().name("end").type(RestParamType.query).dataType("integer").required(false).description("Last open time, epoch ms").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").defaultValue("200").required(false).description("1..1000").endParam()
                    .responseMessage().code(200).message("{symbol,exchange,interval,klines:[{openTime,open,high,low,close,volume,turnover}],incompleteBuckets}").endResponseMessage()
                    .responseMessage().code(400).message("Invalid interval, limit, start or end").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol").endResponseMessage()
                    .to("direct:api-market-klines")
                .get("/gaps").id("api-market-gaps").description("The gap registry")
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).endParam()
                    .param().name("symbol").type(RestParamType.query).dataType("string").required(false).endParam()
                    .param().name("status").type(RestParamType.query).dataType("string").required(false)
                        .allowableValues("open", "repaired", "unfillable").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").defaultValue("1000").required(false).endParam()
                    .responseMessage().code(400).message("Invalid status").endResponseMessage()
                    .to("direct:api-market-gaps")
                .get("/backfill/status").id("api-market-backfill-status").description("Backfill progress, overall and per symbol, with ETA")
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).endParam()
                    .to("direct:api-market-backfill-status")
                .post("/backfill/{symbol}").id("api-market-backfill-request")
                    .description("Backfill a symbol again from its range start (missing candles are fetched, stored ones kept); "
                            + "asynchronous: follow it on /backfill/status")
                    .param().name("symbol").type(RestParamType.path).dataType("string").endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).endParam()
                    .responseMessage().code(202).message("{status:\"requested\",exchange,symbol,eventId}").endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange").endResponseMessage()
                    .responseMessage().code(401).message("Admin login required (outside the dev, demo and test profiles)").endResponseMessage()
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
        if (!sort.equals("symbol") && !sort.equals("marketCapRank")) {
            throw ApiException.badRequest("invalid_sort", "sort must be symbol or marketCapRank, not '" + ApiParams.abbreviate(sort) + "'");
        }
        String collected = in.getHeader("collected", String.class);
        if (collected != null && !collected.equals("true") && !collected.equals("false")) {
            throw ApiException.badRequest("invalid_collected", "collected must be true or false, not '" + ApiParams.abbreviate(collected) + "'");
        }
        int limit = ApiParams.intInRange(in.getHeader("limit", String.class), "limit", 10_000, 1, 10_000);
        String category = in.getHeader("category", String.class);
        ApiResponses.json(e, 200, Map.of("symbols", listing.list(exchange, category == null || category.isBlank() ? null : category,
                collected == null ? null : Boolean.valueOf(collected),
                sort.equals("symbol") ? SymbolListing.Sort.SYMBOL : SymbolListing.Sort.MARKET_CAP_RANK, limit)));
    }

    private void klines(Exchange e) {
        Message in = e.getMessage();
        MarketSymbol symbol = params.symbol(in);
        CandleInterval interval = params.interval(in);
        MarketDataParams.Range range = params.range(in);
        KlineQuery.JsonResult result = klines.readJson(symbol.id(), interval, range.start(), range.end(), range.limit());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol.symbol());
        body.put("exchange", symbol.exchange());
        body.put("interval", interval.code());
        body.put("klines", new RawValue(result.klines()));
        body.put("incompleteBuckets", result.incompleteBuckets());
        ApiResponses.json(e, 200, body);
    }

    private record BackfillRequested(MarketSymbol symbol, EventEnvelope event) {
    }

    private void requestBackfill(Exchange e) {
        Message in = e.getMessage();
        // The target as asked for, so a refused request (unknown symbol or exchange) is recorded too.
        String target = ApiParams.abbreviate(in.getHeader("exchange", "bybit", String.class)) + ":"
                + ApiParams.abbreviate(String.valueOf(in.getHeader("symbol", String.class)));
        BackfillRequested requested = audit.record(Caller.of(e), "backfill.request", target, () -> {
            MarketSymbol symbol = params.symbol(in);
            return new BackfillRequested(symbol, backfills.request(symbol));
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "requested");
        body.put("exchange", requested.symbol().exchange());
        body.put("symbol", requested.symbol().symbol());
        body.put("eventId", requested.event().id());
        ApiResponses.json(e, 202, body);
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
        ApiResponses.json(e, 200, Map.of("gaps", list));
    }
}
