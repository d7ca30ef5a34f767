package io.coinwatch.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Bybit's IP limit (600 requests per 5 s by default): always counted and reported in X-Bapi-Limit,
 * X-Bapi-Limit-Status (remaining) and X-Bapi-Limit-Reset-Timestamp; when enforced, exceeding it bans the IP, and a
 * banned IP gets 403 "access too frequent" for every request until the ban ends.
 */
final class BybitTrafficPolicy implements TrafficPolicy {

    static final String LIMIT = "X-Bapi-Limit";
    static final String LIMIT_STATUS = "X-Bapi-Limit-Status";
    static final String LIMIT_RESET = "X-Bapi-Limit-Reset-Timestamp";

    private final RateWindow ipWindow;
    private final Duration banLength;
    private final SimulatorFaults faults;

    BybitTrafficPolicy(SimulatorProperties.Limits limits, SimulatorFaults faults) {
        this.ipWindow = new RateWindow(limits.bybitRequestsPerWindow(), limits.bybitWindow().toMillis());
        this.banLength = limits.bybitBan();
        this.faults = faults;
    }

    @Override
    public Optional<ApiResponse> admit(ApiRequest request, long now) {
        if (faults.isBanned(Api.BYBIT, now)) {
            return Optional.of(accessTooFrequent());
        }
        if (ipWindow.add(1, now).exceeded() && faults.rateLimitsEnforced()) {
            faults.banUntil(Api.BYBIT, now + banLength.toMillis());
            return Optional.of(accessTooFrequent());
        }
        return Optional.empty();
    }

    @Override
    public ApiResponse throttled(long retryAfterMillis, long now) {
        return ApiResponse.text(429, "Too Many Requests")
                .withHeader(LIMIT_STATUS, "0")
                .withHeader(LIMIT_RESET, String.valueOf(now + retryAfterMillis));
    }

    /** Adds Bybit's own "slow down": retCode 10006 in an HTTP 200. */
    @Override
    public ApiResponse render(ResponseFault fault, long now) {
        return fault.kind() == ResponseFault.Kind.TOO_MANY_VISITS
                ? BybitApi.envelope(10006, "Too many visits!", Map.of(), now)
                : TrafficPolicy.super.render(fault, now);
    }

    @Override
    public Map<String, String> rateHeaders(long now) {
        RateWindow.Usage usage = ipWindow.peek(now);
        return Map.of(LIMIT, String.valueOf(usage.limit()),
                LIMIT_STATUS, String.valueOf(usage.remaining()),
                LIMIT_RESET, String.valueOf(usage.resetAt()));
    }

    private static ApiResponse accessTooFrequent() {
        return ApiResponse.text(403, "access too frequent");
    }
}
