package io.coinwatch.marketdata.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.coinwatch.core.api.ApiException;
import io.coinwatch.core.api.ApiParams;
import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.MarketSymbol;
import io.coinwatch.marketdata.SymbolCatalog;
import io.coinwatch.marketdata.indicator.IndicatorRequest;

/**
 * What one stream asked for, validated before the stream opens: an exchange, its symbols (in the order given, which
 * is also the order of the cursors in every event id), one interval and the indicators to follow.
 */
public record StreamSubscription(String exchange, List<MarketSymbol> symbols, CandleInterval interval,
                                 Map<String, IndicatorRequest> indicators) {

    /** Parses the query parameters; every invalid one is a 400 of the error contract. */
    public static StreamSubscription parse(String exchange, String symbols, String interval, String indicators,
                                           SymbolCatalog catalog, java.util.Set<String> exchanges, int maxSymbols) {
        String ex = exchange == null || exchange.isBlank() ? "bybit" : exchange;
        if (!exchanges.contains(ex)) {
            throw ApiException.badRequest("invalid_exchange", "Unknown exchange '" + ApiParams.abbreviate(ex) + "'; valid: " + exchanges);
        }
        List<String> names = split(symbols, false);
        if (names.isEmpty() || names.size() > maxSymbols) {
            throw ApiException.badRequest("invalid_symbols", "symbols is a comma-separated list of 1 to " + maxSymbols + " symbols");
        }
        List<MarketSymbol> found = new ArrayList<>();
        for (String name : names) {
            MarketSymbol symbol = catalog.find(ex, name).orElseThrow(() -> ApiException.badRequest("unknown_symbol",
                    "No symbol '" + ApiParams.abbreviate(name) + "' on " + ex));
            if (found.stream().noneMatch(s -> s.id() == symbol.id())) {
                found.add(symbol);
            }
        }
        String code = interval == null || interval.isBlank() ? "5m" : interval;
        CandleInterval parsed = CandleInterval.parse(code).orElseThrow(() -> ApiException.badRequest("invalid_interval",
                "Unknown interval '" + ApiParams.abbreviate(code) + "'; valid: " + CandleInterval.codes()));
        Map<String, IndicatorRequest> wanted = new LinkedHashMap<>();
        for (String name : split(indicators, true)) {
            if (!IndicatorRequest.NAMES.contains(name)) {
                throw ApiException.badRequest("unknown_indicator", "Unknown indicator '" + ApiParams.abbreviate(name)
                        + "'; valid: " + IndicatorRequest.NAMES);
            }
            wanted.put(name, IndicatorRequest.of(name, Map.of()));
        }
        return new StreamSubscription(ex, List.copyOf(found), parsed, wanted);
    }

    /** The index of a symbol in this subscription, -1 when it is not in it. */
    public int indexOf(String exchange, String symbol) {
        if (!this.exchange.equals(exchange)) {
            return -1;
        }
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i).symbol().equals(symbol)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads a Last-Event-ID: one open time per symbol, dot-separated; null when there is none. */
    public long[] cursors(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        String[] parts = lastEventId.strip().split("\\.");
        if (parts.length != symbols.size()) {
            throw ApiException.badRequest("invalid_last_event_id", "Last-Event-ID holds one open time per symbol of the stream");
        }
        try {
            return Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_last_event_id", "Last-Event-ID holds one open time per symbol of the stream");
        }
    }

    private static List<String> split(String list, boolean lowerCase) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> lowerCase ? s.toLowerCase(Locale.ROOT) : s).distinct().toList();
    }
}
