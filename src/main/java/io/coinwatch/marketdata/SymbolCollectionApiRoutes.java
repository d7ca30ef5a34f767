package io.coinwatch.marketdata;

import java.util.function.UnaryOperator;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import io.coinwatch.core.api.ApiErrorHandling;
import io.coinwatch.core.api.ApiParams;
import io.coinwatch.core.api.ApiResponses;
import io.coinwatch.core.api.OpenApiContract;
import io.coinwatch.core.audit.AuditLog;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.security.Caller;
import io.coinwatch.marketdata.MarketDataApiTypes.SymbolInfo;

/**
 * PUT and DELETE /api/v1/market-data/symbols/{symbol}/collection: an operator pins a symbol (collected whatever the
 * configured scope says; one not collected until now resumes its backfill from where its history ends) or drops it
 * (no longer collected, its history kept). Admin login outside dev, demo and test, as every write under /api; each
 * one is in the audit trail.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class SymbolCollectionApiRoutes extends RouteBuilder {

    private final MarketDataParams params;
    private final SymbolCollection collection;
    private final SymbolListing listing;
    private final AuditLog audit;

    public SymbolCollectionApiRoutes(MarketDataParams params, SymbolCollection collection, SymbolListing listing, AuditLog audit) {
        this.params = params;
        this.collection = collection;
        this.listing = listing;
        this.audit = audit;
    }

    @Override
    public void configure() {
        rest("/market-data").produces("application/json")
                .put("/symbols/{symbol}/collection").id("api-market-symbol-pin")
                    .description("Pin a symbol: collect it whatever coinwatch.exchanges.<exchange>.collect says")
                    .security(OpenApiContract.BASIC_AUTH)
                    .outType(SymbolInfo.class.getName())
                    .param().name("symbol").type(RestParamType.path).dataType("string").description(MarketDataApiRoutes.SYMBOL_DOC).endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(MarketDataApiRoutes.EXCHANGE_DOC).endParam()
                    .responseMessage().code(200).message("The symbol as GET /symbols/{symbol} shows it, collected").endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange or invalid symbol").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol").endResponseMessage()
                    .to("direct:api-market-symbol-pin")
                .delete("/symbols/{symbol}/collection").id("api-market-symbol-drop")
                    .description("Drop a symbol: stop collecting it whatever the scope says; its history is kept")
                    .security(OpenApiContract.BASIC_AUTH)
                    .outType(SymbolInfo.class.getName())
                    .param().name("symbol").type(RestParamType.path).dataType("string").description(MarketDataApiRoutes.SYMBOL_DOC).endParam()
                    .param().name("exchange").type(RestParamType.query).dataType("string").defaultValue("bybit").required(false).description(MarketDataApiRoutes.EXCHANGE_DOC).endParam()
                    .responseMessage().code(200).message("The symbol as GET /symbols/{symbol} shows it, not collected").endResponseMessage()
                    .responseMessage().code(400).message("Unknown exchange or invalid symbol").endResponseMessage()
                    .responseMessage().code(404).message("Unknown symbol").endResponseMessage()
                    .to("direct:api-market-symbol-drop");

        from("direct:api-market-symbol-pin").routeId("api-market-symbol-pin").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> change(e, "symbol.pin", collection::pin));
        from("direct:api-market-symbol-drop").routeId("api-market-symbol-drop").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> change(e, "symbol.drop", collection::drop));
    }

    /** Pins or drops the requested symbol, recorded in the audit trail with its outcome (a refused request too). */
    private void change(Exchange e, String operation, UnaryOperator<MarketSymbol> change) {
        Message in = e.getMessage();
        String target = ApiParams.abbreviate(in.getHeader("exchange", "bybit", String.class)) + ":"
                + ApiParams.abbreviate(String.valueOf(in.getHeader("symbol", String.class)));
        MarketSymbol changed = audit.record(Caller.of(e), operation, target, () -> change.apply(params.symbol(in)));
        ApiResponses.json(e, 200, listing.one(changed));
    }
}
