package io.coinwatch.marketdata;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.source.SourceProperties;

/**
 * Plans the live sync: for every active, collected symbol of every configured exchange whose backfill is done, the
 * pages from the last stored candle to the last closed one; then publishes market.updated for each market (exchange
 * and symbol) that received candles.
 */
@Component("klineSync")
public class KlineSync {

    private static final Logger log = LoggerFactory.getLogger(KlineSync.class);

    private final SymbolCatalog symbols;
    private final CandleStore store;
    private final KlineBackfill backfill;
    private final EventOutbox outbox;
    private final Set<String> exchanges;
    private final Clock clock;

    public KlineSync(SymbolCatalog symbols, CandleStore store, KlineBackfill backfill, EventOutbox outbox,
                     SourceProperties exchangeProperties, Clock clock) {
        this.clock = clock;
        this.symbols = symbols;
        this.store = store;
        this.backfill = backfill;
        this.outbox = outbox;
        this.exchanges = exchangeProperties.exchanges().keySet();
    }

    public List<PageRequest> plan() {
        List<PageRequest> pages = new ArrayList<>();
        for (String exchange : exchanges) {
            pages.addAll(pagesOf(exchange));
        }
        return pages;
    }

    private List<PageRequest> pagesOf(String exchange) {
        long lastClosed = CandleInterval.lastClosedOpenTime(clock.millis());
        List<PageRequest> pages = new ArrayList<>();
        for (MarketSymbol symbol : symbols.list(exchange, true)) {
            if (!symbol.collected() || backfill.doneUntil(symbol.id()).isEmpty()) {
                continue; // still backfilling: the backfill reaches the present by itself
            }
            Long last = store.lastOpenTime(symbol.id());
            long from = last == null ? CandleInterval.alignUp(symbol.launchTime()) : last + CandleInterval.BASE_MILLIS;
            for (long start = from; start <= lastClosed; start += PageRequest.MAX_CANDLES * CandleInterval.BASE_MILLIS) {
                long end = Math.min(lastClosed, start + (PageRequest.MAX_CANDLES - 1) * CandleInterval.BASE_MILLIS);
                pages.add(new PageRequest(symbol.id(), symbol.exchange(), symbol.symbol(), start, end));
            }
        }
        return pages;
    }

    private record Market(String exchange, String symbol) {
    }

    /** One market.updated per (exchange, symbol) that received candles: the same symbol on two exchanges is two markets. */
    public void publishUpdates(List<PageResult> results) {
        if (results == null) {
            return;
        }
        Map<Market, List<PageResult>> byMarket = results.stream().filter(r -> r.written() > 0)
                .collect(Collectors.groupingBy(r -> new Market(r.request().exchange(), r.request().symbol()),
                        LinkedHashMap::new, Collectors.toList()));
        byMarket.forEach((market, pages) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("exchange", market.exchange());
            data.put("symbol", market.symbol());
            data.put("interval", "5m");
            data.put("from", pages.stream().mapToLong(p -> p.request().start()).min().orElseThrow());
            data.put("to", pages.stream().mapToLong(p -> p.request().end()).max().orElseThrow());
            data.put("candles", pages.stream().mapToInt(PageResult::written).sum());
            data.put("reason", "sync");
            outbox.publish(EventTypes.MARKET_UPDATED, data);
        });
        log.info("Sync: {} pages, {} markets updated, {} candles", results.size(), byMarket.size(),
                results.stream().mapToInt(PageResult::written).sum());
    }
}
