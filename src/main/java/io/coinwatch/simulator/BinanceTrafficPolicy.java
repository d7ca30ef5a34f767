package io.coinwatch.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Binance's REQUEST_WEIGHT limit (6000 per minute by default; klines weigh 2, exchangeInfo 20, anything else 1): always
 * counted and reported in X-MBX-USED-WEIGHT-1M. When enforced, Binance's escalation: the first request over the limit
 * gets 429 with Retry-After until the window resets; a client that keeps sending in that window is banned with 418.
 * A banned IP gets 418 with Retry-After until the ban ends.
 */
final class BinanceTrafficPolicy implements TrafficPolicy {

    static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private final int weightLimit;
    private final RateWindow weightWindow;
    private final Duration banLength;
    private final SimulatorFaults faults;
    /** Reset time of the window in which a 429 was already sent; a further excess in it earns the ban. */
    private long warnedWindowReset;

    BinanceTrafficPolicy(SimulatorProperties.Limits limits, SimulatorFaults faults) {
        this.weightLimit = limits.binanceWeightPerMinute();
        this.weightWindow = new RateWindow(weightLimit, MINUTE);
        this.banLength = limits.binanceBan();
        this.faults = faults;
    }

    @Override
    public synchronized Optional<ApiResponse> admit(ApiRequest request, long now) {
        if (faults.isBanned(Api.BINANCE, now)) {
            return Optional.of(banned(now));
        }
        RateWindow.Usage usage = weightWindow.add(weight(request.path()), now);
        if (!usage.exceeded() || !faults.rateLimitsEnforced()) {
            return Optional.empty();
        }
        if (warnedWindowReset == usage.resetAt()) {
            faults.banUntil(Api.BINANCE, now + banLength.toMillis());
            return Optional.of(banned(now));
        }
        warnedWindowReset = usage.resetAt();
        return Optional.of(throttled(usage.resetAt() - now, now));
    }


    @Override
    public Map<String, String> rateHeaders(long now) {
        return Map.of(USED_WEIGHT, String.valueOf(weightWindow.peek(now).used()));
    }

    static int weight(String path) {
        return switch (path) {
            case BinanceApi.KLINES_PATH -> 2;
            case BinanceApi.EXCHANGE_INFO_PATH -> 20;
            default -> 1;
        };
    }

    @Override
    public ApiResponse throttled(long retryAfterMillis, long now) {
        return BinanceApi.error(429, -1003, "Too many requests; current limit of IP is " + weightLimit
                        + " request weight per minute. Please use WebSocket Streams for live updates to avoid polling"
                        + " the API.")
                .withHeader("Retry-After", TrafficPolicy.retryAfterSeconds(retryAfterMillis));
    }

    private ApiResponse banned(long now) {
        long until = faults.bannedUntil(Api.BINANCE);
        return BinanceApi.error(418, -1003, "Way too much request weight used; IP banned until " + until
                        + ". Please use WebSocket Streams for live updates to avoid bans.")
                .withHeader("Retry-After", TrafficPolicy.retryAfterSeconds(until - now));
    }
}
