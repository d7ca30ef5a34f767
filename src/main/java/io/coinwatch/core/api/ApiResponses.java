package io.coinwatch.core.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Exchange;

/** Writes JSON responses for the REST routes, so every route answers with the same content type and shape. */
public final class ApiResponses {

    /** The content type of every JSON answer and error: without the charset a String body is written as ISO-8859-1. */
    public static final String JSON_UTF8 = "application/json;charset=UTF-8";

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private ApiResponses() {
    }

    public static void json(Exchange exchange, int status, Object body) {
        try {
            respond(exchange, status, MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response not serialisable", e);
        }
    }

    /** A JSON body the caller rendered itself, as UTF-8 bytes. */
    public static void jsonBytes(Exchange exchange, int status, byte[] body) {
        respond(exchange, status, body);
    }

    private static void respond(Exchange exchange, int status, Object body) {
        // The request's headers travel on the message; none of them belongs in the response.
        exchange.getMessage().removeHeaders("*", "Retry-After");
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, JSON_UTF8);
    }

    public static void ok(Exchange exchange) {
        json(exchange, 200, exchange.getMessage().getBody());
    }

    public static void error(Exchange exchange, ApiException error) {
        json(exchange, error.status(), ApiErrorBody.of(error.status(), error.code(), error.getMessage()));
    }

    public static String errorJson(int status, String code, String message) {
        try {
            return MAPPER.writeValueAsString(ApiErrorBody.of(status, code, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An error answered by a servlet filter (rate limit, login throttle) before any route runs. */
    public static void writeError(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON_UTF8);
        response.getWriter().write(errorJson(status, code, message));
    }
}
