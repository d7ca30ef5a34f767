package io.coinwatch.simulator;

import java.util.Map;
import java.util.Optional;

/**
 * Reddit's throttling as a client without OAuth meets it: no limit is simulated, but a ban window
 * ({@link SimulatorFaults#ban}) or an injected throttle answers 429 {"message": "Too Many Requests", "error": 429}
 * with x-ratelimit-remaining 0 and x-ratelimit-reset, the seconds until the window resets.
 */
final class RedditTrafficPolicy implements TrafficPolicy {

    private final SimulatorFaults faults;

    RedditTrafficPolicy(SimulatorFaults faults) {
        this.faults = faults;
    }

    @Override
    public Optional<ApiResponse> admit(ApiRequest request, long now) {
        return faults.isBanned(Api.REDDIT, now)
                ? Optional.of(throttled(faults.bannedUntil(Api.REDDIT) - now, now))
                : Optional.empty();
    }

    @Override
    public ApiResponse throttled(long retryAfterMillis, long now) {
        return ApiResponse.json(429, Map.of("message", "Too Many Requests", "error", 429))
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", TrafficPolicy.retryAfterSeconds(retryAfterMillis));
    }

    @Override
    public Map<String, String> rateHeaders(long now) {
        return Map.of();
    }
}
