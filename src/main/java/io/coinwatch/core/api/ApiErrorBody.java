package io.coinwatch.core.api;

import java.util.Map;

/** The JSON error contract: {"error":{"status":400,"code":"invalid_interval","message":"..."}}. */
public record ApiErrorBody(Error error) {

    public record Error(int status, String code, String message) {
    }

    public static ApiErrorBody of(int status, String code, String message) {
        return new ApiErrorBody(new Error(status, code, message));
    }

    /** The standard code for a status when no more specific one applies. */
    public static String defaultCode(int status) {
        return Map.of(400, "bad_request", 401, "unauthorized", 403, "forbidden", 404, "not_found",
                405, "method_not_allowed", 406, "not_acceptable", 413, "payload_too_large", 415, "unsupported_media_type",
                429, "rate_limited", 503, "unavailable").getOrDefault(status, status >= 500 ? "internal_error" : "bad_request");
    }
}
