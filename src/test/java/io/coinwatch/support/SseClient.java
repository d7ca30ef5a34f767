package io.coinwatch.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Server-Sent Events client on java.net.http, as a program would write one: it parses the stream into events
 * (id, event name, data) and counts comment lines. The events are kept in arrival order for the test to inspect.
 */
public final class SseClient implements AutoCloseable {

    public record Event(String id, String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens a stream that must be accepted (200, text/event-stream). */
    public static SseClient open(int port, String query, String lastEventId) {
        HttpResponse<Stream<String>> response = connect(port, query, lastEventId);
        assertThat(response.statusCode()).as("stream %s", query).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return new SseClient(response);
    }

    /** The raw answer to a stream request, for the refusals. */
    public static HttpResponse<Stream<String>> connect(int port, String query, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/market-data/stream?" + query))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = field(line);
                } else if (line.startsWith("event:")) {
                    name = field(line);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder(field(line)) : data.append('\n').append(field(line));
                }
            }
        } catch (RuntimeException e) {
            // closed by the test or by the server
        }
    }

    private static String field(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public List<Event> events(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    public int comments() {
        return comments.get();
    }

    public boolean isOpen() {
        return reader.isAlive();
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
