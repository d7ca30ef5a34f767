package io.coinwatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete HTTP answer: status, body and headers, built before anything is written so faults can still reshape it. */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ApiResponse json(int status, Object body) {
        try {
            return new ApiResponse(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiResponse text(int status, String body) {
        return new ApiResponse(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new ApiResponse(status, contentType, body, merged);
    }

    /** Adds headers this response does not set itself, so a fault's own rate headers win over the regular ones. */
    ApiResponse withDefaultHeaders(Map<String, String> defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(headers);
        return new ApiResponse(status, contentType, body, merged);
    }

    /** The same response cut in half: JSON ending mid-document, as a connection dropped behind a proxy leaves it. */
    ApiResponse truncated() {
        return new ApiResponse(status, contentType, Arrays.copyOf(body, body.length / 2), headers);
    }
}
