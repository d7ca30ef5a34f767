package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.model.Candle;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.TestSymbols;

/**
 * The indicator API over real HTTP: values equal the TA-Lib Java port's on the same stored candles, a window in the
 * middle of the history starts converged, bad input is refused, and the latest-value screen follows market.updated.
 */
@CoinwatchIntegrationTest
class IndicatorApiTest {

    private static final long STEP = CandleInterval.BASE_MILLIS;
    private static final long START = Instant.parse("2024-03-04T00:00:00Z").toEpochMilli();
    private static final int CANDLES = 3000;

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired CandleStore store;
    @Autowired EventOutbox outbox;
    private ApiClient api;
    private final List<Candle> candles = new ArrayList<>();

    @BeforeEach
    void seed() {
        api = new ApiClient(port);
        candles.clear();
        double price = 50;
        for (int i = 0; i < CANDLES; i++) {
            double open = price;
            price = Math.max(1, price + Math.sin(i / 7.0) * 0.8 + Math.cos(i / 3.0) * 0.5);
            double high = Math.max(open, price) + 0.3 + (i % 5) * 0.05;
            double low = Math.min(open, price) - 0.2 - (i % 3) * 0.05;
            candles.add(new Candle(START + i * STEP, bd(open), bd(high), bd(low), bd(price), bd(100 + (i * 37) % 50), bd(1)));
        }
        int id = TestSymbols.ensureUnlisted(jdbc, "INDTEST", START);
        if (store.count(id, START, START + CANDLES * STEP) == 0) {
            store.write(id, candles);
        }
    }

    @Test
    void rsiMatchesTaLibAndAWindowInTheMiddleStartsConverged() {
        double[] close = candles.stream().mapToDouble(c -> c.close().doubleValue()).toArray();
        double[] expected = new double[close.length];
        MInteger begin = new MInteger();
        MInteger length = new MInteger();
        new Core().rsi(0, close.length - 1, close, 14, begin, length, expected);

        int from = 2000;
        JsonNode body = api.getOk("/api/v1/market-data/indicators/INDTESTUSDT/rsi?start=" + (START + from * STEP) + "&limit=50");
        assertThat(body.path("params").path("period").asInt()).isEqualTo(14);
        JsonNode values = body.path("values");
        assertThat(values).hasSize(50);
        for (int i = 0; i < values.size(); i++) {
            assertThat(values.get(i).path("openTime").asLong()).isEqualTo(START + (from + i) * STEP);
            assertThat(values.get(i).path("value").asDouble()).isCloseTo(expected[from + i - begin.value], within(1e-4));
        }
    }

    @Test
    void macdAndBbandsMatchTaLibOnAnHourlyInterval() {
        JsonNode macd = api.getOk("/api/v1/market-data/indicators/INDTESTUSDT/macd?interval=1h&start=" + START + "&limit=1000").path("values");
        JsonNode kl = api.getOk("/api/v1/market-data/klines/INDTESTUSDT?interval=1h&start=" + START + "&limit=1000").path("klines");
        double[] close = new double[kl.size()];
        for (int i = 0; i < close.length; i++) {
            close[i] = kl.get(i).path("close").asDouble();
        }
        double[] m = new double[close.length];
        double[] s = new double[close.length];
        double[] h = new double[close.length];
        MInteger begin = new MInteger();
        MInteger length = new MInteger();
        new Core().macd(0, close.length - 1, close, 12, 26, 9, begin, length, m, s, h);
        assertThat(macd).hasSize(length.value);
        assertThat(macd.get(0).path("openTime").asLong()).isEqualTo(kl.get(begin.value).path("openTime").asLong());
        for (int i = 0; i < length.value; i++) {
            assertThat(macd.get(i).path("macd").asDouble()).isCloseTo(m[i], within(1e-4));
            assertThat(macd.get(i).path("signal").asDouble()).isCloseTo(s[i], within(1e-4));
            assertThat(macd.get(i).path("histogram").asDouble()).isCloseTo(h[i], within(1e-4));
        }
        JsonNode bb = api.getOk("/api/v1/market-data/indicators/INDTESTUSDT/bbands?interval=1h&period=10&stddev=1.5&limit=50&start=" + START).path("values");
        double[] up = new double[close.length];
        double[] mid = new double[close.length];
        double[] low = new double[close.length];
        new Core().bbands(0, close.length - 1, close, 10, 1.5, 1.5, com.tictactec.ta.lib.MAType.Sma, begin, length, up, mid, low);
        // 50 buckets asked for, the first period - 1 of them warm-up: an empty answer, a short one, or one shifted
        // against TA-Lib's first defined value must not pass.
        assertThat(begin.value).isEqualTo(9);
        assertThat(bb).hasSize(50 - begin.value);
        for (int i = 0; i < bb.size(); i++) {
            assertThat(bb.get(i).path("openTime").asLong()).isEqualTo(kl.get(begin.value + i).path("openTime").asLong());
            assertThat(bb.get(i).path("upper").asDouble()).isCloseTo(up[i], within(1e-4));
            assertThat(bb.get(i).path("middle").asDouble()).isCloseTo(mid[i], within(1e-4));
            assertThat(bb.get(i).path("lower").asDouble()).isCloseTo(low[i], within(1e-4));
            assertThat(bb.get(i).path("bandwidth").asDouble()).isCloseTo((up[i] - low[i]) / mid[i], within(1e-4));
        }
    }

    @Test
    void everyIndicatorAnswersOnEveryDerivedInterval() {
        for (String name : List.of("rsi", "macd", "bbands", "sma", "ema", "obv", "atr", "stoch")) {
            for (String interval : List.of("5m", "15m", "1h")) {
                long start = START + 100 * 3_600_000L; // past every default's lookback on each interval
                JsonNode body = api.getOk("/api/v1/market-data/indicators/INDTESTUSDT/" + name + "?interval=" + interval + "&start=" + start + "&limit=20");
                assertThat(body.path("values").size()).as(name + " " + interval).isPositive();
            }
        }
    }

    @Test
    void tooLittleHistoryIsAnEmptyListThatSaysHowManyCandlesAreNeeded() {
        JsonNode body = api.getOk("/api/v1/market-data/indicators/INDTESTUSDT/rsi?interval=1d&period=200&start=" + START);
        assertThat(body.path("values")).isEmpty();
        assertThat(body.path("candlesNeeded").asInt()).isEqualTo(201);
        assertThat(body.path("candlesAvailable").asInt()).isLessThan(201);
    }

    @Test
    void badInputIsA400ThatListsTheValidChoices() {
        String base = "/api/v1/market-data/indicators/INDTESTUSDT/";
        assertThat(api.assertError("GET", base + "vwap", 400, "unknown_indicator").path("message").asText()).contains("rsi", "stoch");
        api.assertError("GET", base + "rsi?period=1", 400, "invalid_parameter");
        api.assertError("GET", base + "rsi?period=501", 400, "invalid_parameter");
        api.assertError("GET", base + "rsi?period=x", 400, "invalid_parameter");
        api.assertError("GET", base + "macd?fast=26&slow=12", 400, "invalid_parameter");
        api.assertError("GET", base + "bbands?stddev=0", 400, "invalid_parameter");
        api.assertError("GET", base + "rsi?interval=3m", 400, "invalid_interval");
        api.assertError("GET", "/api/v1/market-data/indicators/NOPEUSDT/rsi", 404, "unknown_symbol");
        api.assertError("GET", "/api/v1/market-data/indicators/latest?name=vwap", 400, "unknown_indicator");
    }

    @Test
    void theLatestScreenFollowsMarketUpdated() {
        outbox.publish(EventTypes.MARKET_UPDATED, Map.of("exchange", "bybit", "symbol", "INDTESTUSDT", "interval", "5m", "reason", "test"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.getOk("/api/v1/market-data/indicators/latest?name=rsi&interval=5m").path("values").findValuesAsText("symbol").contains("INDTESTUSDT"));
        // Each latest value is its own statement, 5m before 1h: the 1h screen may lag the 5m one for a moment.
        JsonNode row = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode r : api.getOk("/api/v1/market-data/indicators/latest?name=macd&interval=1h").path("values")) {
                if (r.path("symbol").asText().equals("INDTESTUSDT")) {
                    return r;
                }
            }
            return null;
        }, r -> r != null);
        assertThat(row.has("macd") && row.has("signal") && row.has("histogram")).isTrue();
    }

    private static BigDecimal bd(double v) {
        return BigDecimal.valueOf(Math.round(v * 1e6) / 1e6);
    }
}
