package io.coinwatch.marketdata.stream;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream. Events are queued in a bounded buffer and written by the shared writer pool, so the thread
 * that produces them (the market.updated consumer) never waits for a connection; a client whose buffer is full is
 * disconnected and reconnects with its Last-Event-ID.
 *
 * <p>The event id is the client's cursor: per symbol, the open time of the last candle sent. A candle goes out only
 * when it is newer than its symbol's cursor, under this client's lock, so the live path and a reconnect's replay
 * never send the same candle twice.
 */
final class StreamClient {

    /** An event as it is written: a named event with id and data, or a comment. */
    record Frame(String name, String id, String data) {
        static Frame comment(String text) {
            return new Frame(null, null, text);
        }

        SseEmitter.SseEventBuilder toEvent() {
            if (name == null) {
                return SseEmitter.event().comment(data);
            }
            return SseEmitter.event().id(id).name(name).data(data);
        }
    }

    /** A candle rendered once for every client, with the open time its cursor compares. */
    record RenderedCandle(long openTime, String json) {
    }

    private final StreamSubscription subscription;
    private final SseEmitter emitter;
    private final long[] cursors;
    private final BlockingQueue<Frame> buffer;
    private final Executor writers;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<String> onClose;

    StreamClient(StreamSubscription subscription, SseEmitter emitter, long[] cursors, int bufferSize, Executor writers,
                 Consumer<String> onClose) {
        this.subscription = subscription;
        this.emitter = emitter;
        this.cursors = cursors.clone();
        this.buffer = new ArrayBlockingQueue<>(bufferSize);
        this.writers = writers;
        this.onClose = onClose;
    }

    StreamSubscription subscription() {
        return subscription;
    }

    synchronized long cursor(int symbolIndex) {
        return cursors[symbolIndex];
    }

    /** The event id for the client's current position. */
    synchronized String eventId() {
        return Arrays.stream(cursors).mapToObj(Long::toString).collect(Collectors.joining("."));
    }

    /** Queues a named event carrying the current cursor as its id. */
    synchronized void send(String name, String data) {
        offer(new Frame(name, eventId(), data));
    }

    /**
     * Queues the candles of one symbol that are newer than its cursor, in open-time order, each with the cursor it
     * moves to; then the indicator events, when at least one candle went out. Returns the number of candles queued.
     */
    synchronized int deliver(int symbolIndex, List<RenderedCandle> candles, List<String> indicatorEvents) {
        int sent = 0;
        for (RenderedCandle candle : candles) {
            if (candle.openTime() > cursors[symbolIndex]) {
                cursors[symbolIndex] = candle.openTime();
                offer(new Frame("candle", eventId(), candle.json()));
                sent++;
            }
        }
        if (sent > 0) {
            indicatorEvents.forEach(json -> offer(new Frame("indicator", eventId(), json)));
        }
        return sent;
    }

    void heartbeat() {
        offer(Frame.comment("heartbeat"));
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Ends the stream (if still open) and tells the hub why. */
    void close(String reason) {
        if (closed(reason)) {
            emitter.complete();
        }
    }

    /** Forgets a stream the container has ended already; true the first time. */
    boolean closed(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        buffer.clear();
        onClose.accept(reason);
        return true;
    }

    private void offer(Frame frame) {
        if (closed.get()) {
            return;
        }
        if (!buffer.offer(frame)) {
            close("slow");
            return;
        }
        if (draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    /** Writes what is buffered; runs on one writer thread at a time per client. */
    private void drain() {
        do {
            Frame frame;
            while (!closed.get() && (frame = buffer.poll()) != null) {
                try {
                    emitter.send(frame.toEvent());
                } catch (IOException | IllegalStateException e) {
                    // The container ends the request itself after a failed write.
                    closed("gone");
                }
            }
            draining.set(false);
        } while (!closed.get() && !buffer.isEmpty() && draining.compareAndSet(false, true));
    }
}
