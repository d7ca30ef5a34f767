package io.coinwatch.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.EnvelopeCodec;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.source.SourceRequestTemplate;
import io.coinwatch.marketdata.MarketSymbol;
import io.coinwatch.marketdata.SymbolCatalog;
import io.coinwatch.simulator.SimulatorServer;

/**
 * The shared context's simulated Bybit market discovered and backfilled once per test run, for the tests that
 * collect from it; and the symbols and requests those tests work with.
 */
public final class BackfilledMarket {

    private static boolean backfilled;
    /** The simulator's symbols: {@link #oldest} counts only these, not the symbols tests insert themselves. */
    private static Set<String> simulated;

    private BackfilledMarket() {
    }

    /**
     * Discovers the simulator's Bybit symbols and waits until every one is backfilled (the first call only). A symbol
     * an earlier test added may have failed its backfill on that test's faults; backfill-resume, whose schedule is off
     * in tests, would request it again, so this does what it does.
     */
    public static synchronized void ensure(ProducerTemplate camel, JdbcTemplate jdbc) {
        if (backfilled) {
            return;
        }
        simulated = camel.getCamelContext().getRegistry().findSingleByType(SimulatorServer.class).symbols();
        closeCircuit(camel.getCamelContext());
        camel.sendBody("direct:symbol-discovery", "bybit");
        camel.sendBody("bean:klineBackfill?method=resumeUnfinished", null);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> unfinished(jdbc).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Bybit backfills not done after 90 s: " + unfinished(jdbc), e);
        }
        backfilled = true;
    }

    /** The active Bybit symbols whose backfill is not done, with its status and last error. */
    private static List<Map<String, Object>> unfinished(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                SELECT s.symbol, s.collected, p.status, p.next_open_time, p.range_end, p.last_error
                FROM symbol s LEFT JOIN backfill_progress p ON p.symbol_id = s.id
                WHERE s.exchange = 'bybit' AND s.active AND (p.status IS NULL OR p.status <> 'done')""");
    }

    /**
     * The n-th of the simulator's active Bybit symbols by launch time: the first ones have the full simulated history.
     * Symbols that tests insert themselves (launched in 2024, say) are not counted, so an index names the same market
     * whichever tests ran before.
     */
    public static MarketSymbol oldest(SymbolCatalog symbols, int n) {
        if (simulated == null) {
            throw new IllegalStateException("BackfilledMarket.ensure first: it learns the simulator's symbols");
        }
        return symbols.list("bybit", true).stream().filter(s -> simulated.contains(s.symbol()))
                .sorted(Comparator.comparingLong(MarketSymbol::launchTime).thenComparing(MarketSymbol::symbol)).toList().get(n);
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
        CircuitBreaker breaker = bybitCircuit(camel);
        if (breaker != null) {
            breaker.reset();
        }
    }

    /** Bybit's circuit breaker, null while its request route is not loaded. */
    public static CircuitBreaker bybitCircuit(CamelContext camel) {
        ResilienceProcessor processor = SourceRequestTemplate.circuitBreaker(camel, "bybit");
        return processor == null ? null : processor.getCircuitBreaker();
    }

    /** A market.backfill.requested envelope for the symbol, as direct:kline-backfill takes it. */
    public static Object backfillRequest(EnvelopeCodec codec, MarketSymbol s) {
        return codec.envelope(EventTypes.MARKET_BACKFILL_REQUESTED, "test", Map.of("exchange", "bybit", "symbol", s.symbol()));
    }
}
