package io.coinwatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Real HTTP against a running simulator, as an adapter would talk to it. */
final class SimulatorHttp {

    /** Mid-way through the 12:00 candle, so an open candle exists. */
    static final Instant NOW = Instant.parse("2025-06-02T12:02:30Z");
    static final long CURRENT_CANDLE = Instant.parse("2025-06-02T12:00:00Z").toEpochMilli();
    static final long FIVE_MINUTES = 300_000L;
    static final Clock FIXED_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI baseUrl;

    SimulatorHttp(SimulatorServer server) {
        this.baseUrl = server.baseUrl();
    }

    static SimulatorServer start(Map<String, ?> settings, Clock marketClock) {
        return new SimulatorServer(SimulatorProperties.of(settings), marketClock, Clock.systemUTC()).start();
    }

    Reply get(String pathAndQuery) {
        return get(pathAndQuery, Duration.ofSeconds(10));
    }

    Reply get(String pathAndQuery, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET expecting HTTP 200 with a JSON body. */
    JsonNode json(String pathAndQuery) {
        Reply reply = get(pathAndQuery);
        if (reply.status() != 200) {
            throw new AssertionError("HTTP " + reply.status() + " for " + pathAndQuery + ": " + reply.body());
        }
        return reply.json();
    }
}
