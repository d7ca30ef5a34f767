package io.coinwatch.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CoinGecko's throttling: only a 429 with Retry-After, never a ban and no rate headers. The per-minute call limit is
 * off by default (real plans range from about 30 to 500 calls per minute); when set it is always enforced, since a
 * limit that only counts would be invisible to clients.
 */
final class CoinGeckoTrafficPolicy implements TrafficPolicy {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private final RateWindow callWindow;
    private final SimulatorFaults faults;

    CoinGeckoTrafficPolicy(SimulatorProperties.Limits limits, SimulatorFaults faults) {
        int callsPerMinute = limits.coingeckoCallsPerMinute();
        this.callWindow = callsPerMinute > 0 ? new RateWindow(callsPerMinute, MINUTE) : null;
        this.faults = faults;
    }

    @Override
    public Optional<ApiResponse> admit(ApiRequest request, long now) {
        if (faults.isBanned(Api.COINGECKO, now)) {
            return Optional.of(throttled(faults.bannedUntil(Api.COINGECKO) - now, now));
        }
        if (callWindow != null) {
            RateWindow.Usage usage = callWindow.add(1, now);
            if (usage.exceeded()) {
                return Optional.of(throttled(usage.resetAt() - now, now));
            }
        }
        return Optional.empty();
    }


    @Override
    public Map<String, String> rateHeaders(long now) {
        return Map.of();
    }

    @Override
    public ApiResponse throttled(long retryAfterMillis, long now) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("error_code", 429);
        status.put("error_message", "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing"
                + " to subscribe to our API plans for higher rate limits.");
        return ApiResponse.json(429, Map.of("status", status))
                .withHeader("Retry-After", TrafficPolicy.retryAfterSeconds(retryAfterMillis));
    }
}
