package io.coinwatch.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.EnvelopeCodec;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.source.SourceRequestTemplate;
import io.coinwatch.marketdata.MarketSymbol;
import io.coinwatch.marketdata.SymbolCatalog;

/**
 * The shared context's simulated Bybit market discovered and backfilled once per test run, for the tests that
 * collect from it; and the symbols and requests those tests work with.
 */
public final class BackfilledMarket {

    private static boolean backfilled;

    private BackfilledMarket() {
    }

    /** Discovers the simulator's Bybit symbols and waits until every one is backfilled (the first call only). */
    public static synchronized void ensure(ProducerTemplate camel, JdbcTemplate jdbc) {
        if (backfilled) {
            return;
        }
        camel.sendBody("direct:symbol-discovery", "bybit");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Integer notDone = jdbc.queryForObject("SELECT count(*) FROM symbol s LEFT JOIN backfill_progress p ON p.symbol_id = s.id "
                    + "WHERE s.exchange = 'bybit' AND s.active AND (p.status IS NULL OR p.status <> 'done')", Integer.class);
            return notDone != null && notDone == 0;
        });
        backfilled = true;
    }

    /** The n-th active Bybit symbol by launch time: the first ones have the full simulated history. */
    public static MarketSymbol oldest(SymbolCatalog symbols, int n) {
        return symbols.list("bybit", true).stream().sorted(Comparator.comparingLong(MarketSymbol::launchTime)
                .thenComparing(MarketSymbol::symbol)).toList().get(n);
    }

    /** Forgets a symbol's candles and backfill progress, so the next backfill starts from its launch. */
    public static void resetBackfill(JdbcTemplate jdbc, MarketSymbol s) {
        jdbc.update("DELETE FROM candle WHERE symbol_id = ?", s.id());
        jdbc.update("DELETE FROM backfill_progress WHERE symbol_id = ?", s.id());
    }

    /**
     * Closes Bybit's circuit breaker and forgets the calls it counted, so a test's calls are not refused for the
     * failures an earlier test of the shared context provoked on purpose.
     */
    public static void closeCircuit(CamelContext camel) {
        ResilienceProcessor breaker = SourceRequestTemplate.circuitBreaker(camel, "bybit");
        if (breaker != null) {
            breaker.getCircuitBreaker().reset();
        }
    }

    /** A market.backfill.requested envelope for the symbol, as direct:kline-backfill takes it. */
    public static Object backfillRequest(EnvelopeCodec codec, MarketSymbol s) {
        return codec.envelope(EventTypes.MARKET_BACKFILL_REQUESTED, "test", Map.of("exchange", "bybit", "symbol", s.symbol()));
    }
}
