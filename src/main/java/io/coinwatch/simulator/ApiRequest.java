package io.coinwatch.simulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.coinwatch.simulator.InvalidParameterException.Problem.MALFORMED;
import static io.coinwatch.simulator.InvalidParameterException.Problem.MISSING;
import static io.coinwatch.simulator.InvalidParameterException.Problem.OUT_OF_RANGE;

/** One HTTP request as the APIs see it: method, path and decoded query parameters (the last value of a repeated key wins). */
record ApiRequest(String method, String path, Map<String, String> params) {

    static ApiRequest of(String method, URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(decode(key), decode(value));
            }
        }
        return new ApiRequest(method, uri.getPath(), Map.copyOf(params));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The parameter's value, or null when it was not sent. */
    String param(String name) {
        return params.get(name);
    }

    String required(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException(name, MISSING, name + " is required");
        }
        return value;
    }

    /** The parameter as a long, or null when it was not sent. */
    Long optionalLong(String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, MALFORMED, name + " is not a number: " + value);
        }
    }

    int intInRange(String name, int defaultValue, int min, int max) {
        Long value = optionalLong(name);
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw new InvalidParameterException(name, OUT_OF_RANGE, name + " must be in [" + min + ", " + max + "]");
        }
        return value.intValue();
    }
}
