package io.coinwatch.simulator;

import java.util.Map;
import java.util.Optional;

/**
 * How one API polices its traffic: what it counts, when it refuses, how it words "slow down" and which rate headers it
 * puts on every response. Times are wall-clock epoch milliseconds.
 */
interface TrafficPolicy {

    /** Counts the request and returns the API's refusal when a ban or an enforced limit applies. */
    Optional<ApiResponse> admit(ApiRequest request, long now);

    /** The API's HTTP 429, telling the client to come back after the given time. */
    ApiResponse throttled(long retryAfterMillis, long now);

    /** The API's answer to an injected fault that replaces the response (throttle, server error). */
    default ApiResponse render(ResponseFault fault, long now) {
        return switch (fault.kind()) {
            case THROTTLE -> throttled(fault.duration().toMillis(), now);
            case SERVER_ERROR -> ApiResponse.text(fault.status(), "Server Error " + fault.status());
            default -> throw new IllegalArgumentException("not a fault this API answers itself: " + fault);
        };
    }

    /** Rate-limit headers for a response sent now. */
    Map<String, String> rateHeaders(long now);

    /** Retry-After is whole seconds; rounding up keeps a client that obeys it from coming back early. */
    static String retryAfterSeconds(long millis) {
        return String.valueOf(Math.max(1, (millis + 999) / 1000));
    }
}
