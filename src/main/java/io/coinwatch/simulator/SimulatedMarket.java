package io.coinwatch.simulator;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The instruments the simulated exchange lists, fixed at start-up: synthetic ones plus replayed files (a file wins over
 * a synthetic symbol of the same name). Sorted by symbol, which is the order instruments-info pages through.
 */
final class SimulatedMarket {

    private final NavigableMap<String, Instrument> bySymbol;

    private SimulatedMarket(NavigableMap<String, Instrument> bySymbol) {
        this.bySymbol = Collections.unmodifiableNavigableMap(bySymbol);
    }

    static SimulatedMarket create(SimulatorProperties properties, Instant now) {
        NavigableMap<String, Instrument> bySymbol = new TreeMap<>();
        SyntheticListings.create(properties.symbols(), properties.historyDays(), properties.seed(), now)
                .forEach(instrument -> bySymbol.put(instrument.symbol(), instrument));
        if (properties.replayDir() != null) {
            ReplayLoader.load(properties.replayDir()).forEach(instrument -> bySymbol.put(instrument.symbol(), instrument));
        }
        return new SimulatedMarket(bySymbol);
    }

    Collection<Instrument> instruments() {
        return bySymbol.values();
    }

    /** Instruments with a symbol after the given one, in order: how a paging cursor resumes. */
    Collection<Instrument> instrumentsAfter(String symbol) {
        return bySymbol.tailMap(symbol, false).values();
    }

    /** Exact, case-sensitive lookup: both exchanges only know upper-case symbols. */
    Optional<Instrument> instrument(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol));
    }
}
