package io.coinwatch.simulator;

import java.time.Duration;

/**
 * A one-off misbehaviour injected with {@link SimulatorFaults#failNext}. Each API renders it in its own dialect:
 * <ul>
 *   <li>{@link #throttle}: HTTP 429. Bybit sets X-Bapi-Limit-Status 0 and X-Bapi-Limit-Reset-Timestamp to now + retryAfter;
 *       Binance (code -1003) and CoinGecko (status.error_code 429) send Retry-After in whole seconds, rounded up.</li>
 *   <li>{@link #serverError}: the given 5xx status with a plain-text body, as a load balancer in front of the API sends it.</li>
 *   <li>{@link #delay}: the normal answer, sent after the delay (to test client timeouts).</li>
 *   <li>{@link #malformedJson}: the normal answer with HTTP 200, cut off in the middle of the JSON.</li>
 *   <li>{@link #tooManyVisits}: Bybit only, HTTP 200 with retCode 10006 "Too many visits!"; other APIs never consume it.</li>
 * </ul>
 * IP bans are windows rather than one-off answers: see {@link SimulatorFaults#ban}.
 */
public record ResponseFault(Kind kind, Duration duration, int status) {

    public enum Kind { THROTTLE, SERVER_ERROR, DELAY, MALFORMED_JSON, TOO_MANY_VISITS }

    public static ResponseFault throttle(Duration retryAfter) {
        return new ResponseFault(Kind.THROTTLE, retryAfter, 429);
    }

    public static ResponseFault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("not a 5xx status: " + status);
        }
        return new ResponseFault(Kind.SERVER_ERROR, Duration.ZERO, status);
    }

    public static ResponseFault delay(Duration delay) {
        return new ResponseFault(Kind.DELAY, delay, 200);
    }

    public static ResponseFault malformedJson() {
        return new ResponseFault(Kind.MALFORMED_JSON, Duration.ZERO, 200);
    }

    public static ResponseFault tooManyVisits() {
        return new ResponseFault(Kind.TOO_MANY_VISITS, Duration.ZERO, 200);
    }

    boolean appliesTo(Api api) {
        return kind != Kind.TOO_MANY_VISITS || api == Api.BYBIT;
    }
}
