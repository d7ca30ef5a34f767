package io.coinwatch.simulator;

import io.coinwatch.core.model.Candle;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The exchange as both exchange APIs see it right now: the market with the data faults applied. Delisted symbols are
 * gone from the listings; removed candles do not exist; corrupted ones come back broken. Bybit and Binance only differ
 * in how they word it.
 */
final class SimulatedExchange {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final SimulatedMarket market;
    private final SimulatorFaults faults;
    private final Clock marketClock;

    SimulatedExchange(SimulatedMarket market, SimulatorFaults faults, Clock marketClock) {
        this.market = market;
        this.faults = faults;
        this.marketClock = marketClock;
    }

    /** The exchange's "now" in epoch ms. */
    long now() {
        return marketClock.millis();
    }

    /** Listed instruments in symbol order. */
    Stream<Instrument> listed() {
        return unlessDelisted(market.instruments().stream());
    }

    /** Listed instruments after the symbol, in order: how a paging cursor resumes. */
    Stream<Instrument> listedAfter(String symbol) {
        return unlessDelisted(market.instrumentsAfter(symbol).stream());
    }

    Optional<Instrument> listing(String symbol) {
        return unlessDelisted(market.instrument(symbol).stream()).findFirst();
    }

    /** Whether the exchange serves candles for the symbol: delisted symbols keep theirs. */
    boolean hasCandles(String symbol) {
        return market.instrument(symbol).isPresent();
    }

    private Stream<Instrument> unlessDelisted(Stream<Instrument> instruments) {
        return instruments.filter(instrument -> !faults.isDelisted(instrument.symbol()));
    }

    /**
     * The candles a query asks for, oldest first; its symbol must be known. The limit counts candles the exchange has,
     * so a page after a removed candle simply reaches one candle further, as on a real exchange.
     */
    List<Candle> candles(KlineRequest query) {
        String symbol = query.symbol();
        List<Candle> page = market.instrument(symbol).orElseThrow().candles()
                .candles(query.from(), query.to(), !query.anchoredAtStart(), now())
                .filter(candle -> !faults.isMissing(symbol, candle.openTime()))
                .limit(query.limit())
                .map(candle -> faults.isInvalid(symbol, candle.openTime()) ? withHighBelowLow(candle) : candle)
                .collect(Collectors.toCollection(ArrayList::new));
        if (!query.anchoredAtStart()) {
            Collections.reverse(page);
        }
        return page;
    }

    /** Swaps high and low as a broken feed does; a flat candle has nothing to swap, so its high drops to half its low. */
    private static Candle withHighBelowLow(Candle candle) {
        boolean flat = candle.high().compareTo(candle.low()) == 0;
        BigDecimal high = flat ? candle.low().divide(TWO) : candle.low();
        return new Candle(candle.openTime(), candle.open(), high, candle.high(), candle.close(), candle.volume(),
                candle.turnover());
    }
}
