package io.coinwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the simulator does wrong on purpose, switchable while it serves. All methods are thread-safe; a test can
 * toggle faults between (or during) requests of the code under test.
 *
 * <p>Two kinds of faults:
 * <ul>
 *   <li>Data faults are facts about the exchange and last forever (until {@link #reset()}): a missing candle is never
 *       served, not even on a refetch, so gap repair must end in "unfillable"; an invalid candle always comes back broken.</li>
 *   <li>Traffic faults are about the connection: injected one-off answers ({@link #failNext}), ban windows
 *       ({@link #ban}), enforced rate limits and added latency. Bans and rate windows run on the wall clock, not the
 *       market clock, because clients wait real time before they retry.</li>
 * </ul>
 * {@link #reset()} returns to the state the properties configured.
 */
public final class SimulatorFaults {

    private static final class PendingFault {
        final ResponseFault fault;
        final RequestMatch match;
        int remaining;

        PendingFault(ResponseFault fault, RequestMatch match, int remaining) {
            this.fault = fault;
            this.match = match;
            this.remaining = remaining;
        }
    }

    private final SimulatorProperties.Faults configured;
    private final Clock wallClock;
    private final Map<String, TimeRanges> missingCandles = new ConcurrentHashMap<>();
    private final Map<String, TimeRanges> invalidCandles = new ConcurrentHashMap<>();
    private final Set<String> delisted = ConcurrentHashMap.newKeySet();
    private final List<PendingFault> pending = new ArrayList<>();
    private final Map<Api, Long> bannedUntil = new EnumMap<>(Api.class);
    private volatile boolean rateLimitsEnforced;
    private volatile Duration latency;

    SimulatorFaults(SimulatorProperties.Faults configured, Clock wallClock) {
        this.configured = configured;
        this.wallClock = wallClock;
        reset();
    }

    /** Clears every runtime change and re-applies the configured faults. */
    public synchronized void reset() {
        missingCandles.clear();
        invalidCandles.clear();
        delisted.clear();
        pending.clear();
        bannedUntil.clear();
        configured.missingCandles().forEach(spec -> applyCandleSpec(spec, missingCandles));
        configured.invalidCandles().forEach(spec -> applyCandleSpec(spec, invalidCandles));
        configured.delisted().forEach(this::delist);
        rateLimitsEnforced = configured.enforceRateLimits();
        latency = configured.latency();
    }

    // ---- data faults ----

    /** The exchange has no candle at this open time for this symbol, for good. */
    public void removeCandle(String symbol, long openTime) {
        removeCandles(symbol, openTime, openTime);
    }

    /** The exchange has no candles with open times in [fromOpenTime, toOpenTime], e.g. an outage. */
    public void removeCandles(String symbol, long fromOpenTime, long toOpenTime) {
        ranges(missingCandles, symbol).add(fromOpenTime, toOpenTime);
    }

    /** The candle at this open time is served with its high below its low. */
    public void corruptCandle(String symbol, long openTime) {
        ranges(invalidCandles, symbol).add(openTime, openTime);
    }

    /** Removes the symbol from Bybit instruments-info and Binance exchangeInfo; its klines stay available. */
    public void delist(String symbol) {
        delisted.add(normalise(symbol));
    }

    public void relist(String symbol) {
        delisted.remove(normalise(symbol));
    }

    // ---- traffic faults ----

    /** The next {@code count} requests of any API that can express the fault answer with it. */
    public void failNext(int count, ResponseFault fault) {
        failNext(count, fault, RequestMatch.any());
    }

    /**
     * The next {@code count} matching requests answer with the fault. Faults queue in the order injected; a request
     * consumes at most one.
     */
    public synchronized void failNext(int count, ResponseFault fault, RequestMatch match) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        pending.add(new PendingFault(fault, match, count));
    }

    /**
     * Bans this client IP from the API for the duration, counted from now: Bybit answers every request with 403
     * "access too frequent", Binance with 418 and Retry-After, CoinGecko with 429 and Retry-After, Reddit with 429 and
     * x-ratelimit-reset.
     */
    public void ban(Api api, Duration duration) {
        banUntil(api, wallClock.millis() + duration.toMillis());
    }

    /** Used by enforced limits, so the ban runs from the offending request's arrival. */
    synchronized void banUntil(Api api, long until) {
        bannedUntil.put(api, until);
    }

    public synchronized void liftBans() {
        bannedUntil.clear();
    }

    /** Turns the Bybit IP limit and the Binance weight limit from counted-and-reported into enforced. */
    public void enforceRateLimits(boolean enforce) {
        rateLimitsEnforced = enforce;
    }

    /** Delay added to every response. */
    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    // ---- queried while serving ----

    boolean isMissing(String symbol, long openTime) {
        TimeRanges ranges = missingCandles.get(normalise(symbol));
        return ranges != null && ranges.contains(openTime);
    }

    boolean isInvalid(String symbol, long openTime) {
        TimeRanges ranges = invalidCandles.get(normalise(symbol));
        return ranges != null && ranges.contains(openTime);
    }

    boolean isDelisted(String symbol) {
        return delisted.contains(normalise(symbol));
    }

    synchronized boolean isBanned(Api api, long now) {
        return bannedUntil(api) > now;
    }

    /** End of the API's current ban in epoch ms, or 0 when it was never banned. */
    synchronized long bannedUntil(Api api) {
        return bannedUntil.getOrDefault(api, 0L);
    }

    boolean rateLimitsEnforced() {
        return rateLimitsEnforced;
    }

    Duration latency() {
        return latency;
    }

    /** Takes the first queued fault that fits this request, if any. */
    synchronized Optional<ResponseFault> take(Api api, String path, String subject) {
        for (Iterator<PendingFault> it = pending.iterator(); it.hasNext(); ) {
            PendingFault candidate = it.next();
            if (candidate.fault.appliesTo(api) && candidate.match.matches(path, subject)) {
                if (--candidate.remaining == 0) {
                    it.remove();
                }
                return Optional.of(candidate.fault);
            }
        }
        return Optional.empty();
    }

    private static TimeRanges ranges(Map<String, TimeRanges> bySymbol, String symbol) {
        return bySymbol.computeIfAbsent(normalise(symbol), s -> new TimeRanges());
    }

    private static String normalise(String symbol) {
        return symbol.toUpperCase(Locale.ROOT);
    }

    /** Parses {@code SYMBOL@time} or {@code SYMBOL@from..to}, times in epoch ms or ISO-8601. */
    private static void applyCandleSpec(String spec, Map<String, TimeRanges> target) {
        int at = spec.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("expected SYMBOL@openTime or SYMBOL@from..to, got: " + spec);
        }
        String times = spec.substring(at + 1).trim();
        int dots = times.indexOf("..");
        long from = parseTime(dots < 0 ? times : times.substring(0, dots));
        long to = dots < 0 ? from : parseTime(times.substring(dots + 2));
        ranges(target, spec.substring(0, at).trim()).add(from, to);
    }

    private static long parseTime(String text) {
        String trimmed = text.trim();
        return trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()
                ? Long.parseLong(trimmed)
                : Instant.parse(trimmed).toEpochMilli();
    }
}
