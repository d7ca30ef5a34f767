package io.coinwatch.marketdata.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.MarketSymbol;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-client buffer: the producer never waits, a client that does not keep up is dropped, none gets a candle twice. */
class StreamClientTest {

    private static final StreamSubscription SUBSCRIPTION = new StreamSubscription("bybit",
            List.of(new MarketSymbol(1, "bybit", "BTCUSDT", "BTC", "USDT", "LinearPerpetual", "Trading", true, 0, null, true)),
            CandleInterval.M5, Map.of());

    private final List<Runnable> writes = new ArrayList<>();
    private final List<String> closedBecause = new ArrayList<>();

    @Test
    void aClientWhoseBufferFillsIsDisconnectedAndTheProducerGoesOn() {
        // The writer pool never gets to run: the connection is stuck.
        StreamClient client = new StreamClient(SUBSCRIPTION, new SseEmitter(), new long[] {0}, 3, writes::add, closedBecause::add);

        client.deliver(0, candles(1, 5), List.of());

        assertThat(client.isClosed()).isTrue();
        assertThat(closedBecause).containsExactly("slow");
        assertThat(writes).as("one drain scheduled, not one per event").hasSize(1);
    }

    @Test
    void onlyCandlesNewerThanTheCursorGoOutAndTheIdIsTheCursor() {
        StreamClient client = new StreamClient(SUBSCRIPTION, new SseEmitter(), new long[] {3}, 10, writes::add, closedBecause::add);

        assertThat(client.deliver(0, candles(1, 5), List.of("{}"))).isEqualTo(2);
        assertThat(client.deliver(0, candles(4, 6), List.of("{}"))).isEqualTo(1);
        assertThat(client.deliver(0, candles(1, 6), List.of("{}"))).isZero();

        assertThat(client.eventId()).isEqualTo("6");
        assertThat(client.isClosed()).isFalse();
    }

    private static List<StreamClient.RenderedCandle> candles(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(t -> new StreamClient.RenderedCandle(t, "{\"openTime\":" + t + "}")).toList();
    }
}
