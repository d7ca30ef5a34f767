package io.coinwatch.marketdata;

import java.util.Optional;
import java.util.Set;

import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import io.coinwatch.core.api.ApiException;
import io.coinwatch.core.api.ApiParams;
import io.coinwatch.core.source.SourceProperties;

/** Parses the query and path parameters the market-data API routes share, each refused with its own 4xx code when malformed. */
@Component
public class MarketDataParams {

    /** A validated time range: open times, either may be null, and the number of buckets wanted. */
    public record Range(Long start, Long end, int limit) {
    }

    private final SymbolCatalog symbols;
    private final Set<String> exchanges;

    public MarketDataParams(SymbolCatalog symbols, SourceProperties exchangeProperties) {
        this.symbols = symbols;
        this.exchanges = exchangeProperties.exchanges().keySet();
    }

    public String exchange(Message in) {
        String exchange = in.getHeader("exchange", "bybit", String.class);
        if (!exchanges.contains(exchange)) {
            throw ApiException.badRequest("invalid_exchange", "Unknown exchange '" + ApiParams.abbreviate(exchange) + "'; valid: " + exchanges);
        }
        return exchange;
    }

    public MarketSymbol symbol(Message in) {
        String exchange = exchange(in);
        String name = in.getHeader("symbol", String.class);
        return symbols.find(exchange, name).orElseThrow(() -> unknown(exchange, name));
    }

    /** A symbol as the klines API names it: its id, with the exchange and the name as requested (they matched exactly). */
    public record SymbolRef(int id, String exchange, String symbol) {
    }

    /** The same check as {@link #symbol} without reading the symbol's row: for the requests that need its id only. */
    public SymbolRef symbolRef(Message in) {
        String exchange = exchange(in);
        String name = in.getHeader("symbol", String.class);
        int id = (name == null ? Optional.<Integer>empty() : symbols.idOf(exchange, name)).orElseThrow(() -> unknown(exchange, name));
        return new SymbolRef(id, exchange, name);
    }

    private static ApiException unknown(String exchange, String name) {
        return ApiException.notFound("unknown_symbol", "No symbol '" + ApiParams.abbreviate(String.valueOf(name)) + "' on " + exchange);
    }

    public CandleInterval interval(Message in) {
        String value = in.getHeader("interval", "5m", String.class);
        return CandleInterval.parse(value).orElseThrow(() -> ApiException.badRequest("invalid_interval", "Unknown interval '"
                + ApiParams.abbreviate(value) + "'; valid: " + CandleInterval.codes() + " or Bybit codes 5, 15, 30, 60, 120, 240, 360, 720, D, W"));
    }

    public Range range(Message in) {
        int limit = ApiParams.intInRange(in.getHeader("limit", String.class), "limit", 200, 1, 1000);
        Long start = ApiParams.optionalLong(in.getHeader("start", String.class), "start");
        Long end = ApiParams.optionalLong(in.getHeader("end", String.class), "end");
        if (start != null && start < 0 || end != null && end < 0) {
            throw ApiException.badRequest("invalid_range", "start and end are epoch milliseconds and cannot be negative");
        }
        if (start != null && end != null && start > end) {
            throw ApiException.badRequest("invalid_range", "start " + start + " is after end " + end);
        }
        return new Range(start, end, limit);
    }
}
