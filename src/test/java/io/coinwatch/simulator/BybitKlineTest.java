package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.coinwatch.simulator.SimulatorHttp.CURRENT_CANDLE;
import static io.coinwatch.simulator.SimulatorHttp.FIVE_MINUTES;
import static io.coinwatch.simulator.SimulatorHttp.FIXED_CLOCK;
import static io.coinwatch.simulator.SimulatorHttp.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.coinwatch.support.MutableClock;

class BybitKlineTest {

    private static final String KLINE = "/v5/market/kline?category=linear&interval=5&symbol=";
    private static final Map<String, String> SETTINGS = Map.of("symbols", "40", "history-days", "10");

    @RegisterExtension
    static final RunningSimulator simulator = new RunningSimulator(SETTINGS);

    @Test
    void servesTheLatest200CandlesNewestFirstAsStrings() {
        JsonNode body = simulator.json(KLINE + "BTCUSDT");
        assertThat(body.get("retCode").asInt()).isZero();
        assertThat(body.get("retMsg").asText()).isEqualTo("OK");
        assertThat(body.get("retExtInfo").isObject()).isTrue();
        assertThat(body.get("time").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode result = body.get("result");
        assertThat(result.get("category").asText()).isEqualTo("linear");
        assertThat(result.get("symbol").asText()).isEqualTo("BTCUSDT");

        List<Long> openTimes = openTimes(result.get("list"));
        assertThat(openTimes).hasSize(200);
        assertThat(openTimes.get(0)).isEqualTo(CURRENT_CANDLE);
        for (int i = 1; i < openTimes.size(); i++) {
            assertThat(openTimes.get(i - 1) - openTimes.get(i)).isEqualTo(FIVE_MINUTES);
        }
        result.get("list").forEach(row -> {
            assertThat(row).hasSize(7);
            row.forEach(field -> assertThat(field.isTextual()).isTrue());
        });
    }

    @Test
    void startAndEndAreBothInclusive() {
        long start = CURRENT_CANDLE - 100 * FIVE_MINUTES;
        long end = start + 10 * FIVE_MINUTES;
        List<Long> openTimes = openTimes(list("BTCUSDT", "&start=" + start + "&end=" + end));
        assertThat(openTimes).hasSize(11);
        assertThat(openTimes.get(0)).isEqualTo(end);
        assertThat(openTimes.get(10)).isEqualTo(start);

        assertThat(openTimes(list("BTCUSDT", "&start=" + (start + 1) + "&end=" + (end - 1)))).hasSize(9);
    }

    @Test
    void aStartPagesForwardAndAnEndAloneGivesTheCandlesBeforeIt() {
        long start = CURRENT_CANDLE - 100 * FIVE_MINUTES;
        assertThat(openTimes(list("BTCUSDT", "&start=" + start + "&limit=5")))
                .containsExactly(start + 4 * FIVE_MINUTES, start + 3 * FIVE_MINUTES, start + 2 * FIVE_MINUTES,
                        start + FIVE_MINUTES, start);
        assertThat(openTimes(list("BTCUSDT", "&end=" + start + "&limit=3")))
                .containsExactly(start, start - FIVE_MINUTES, start - 2 * FIVE_MINUTES);
    }

    @Test
    void historyStartsAtTheLaunchTime() {
        JsonNode instrument = simulator.json("/v5/market/instruments-info?category=linear&symbol=BTCUSDT")
                .get("result").get("list").get(0);
        long launch = instrument.get("launchTime").asLong();
        List<Long> first = openTimes(list("BTCUSDT", "&start=0&limit=3"));
        assertThat(first).containsExactly(launch + 2 * FIVE_MINUTES, launch + FIVE_MINUTES, launch);
    }

    @Test
    void limitMustBeBetween1And1000() {
        assertThat(list("BTCUSDT", "&limit=1000")).hasSize(1000);
        assertThat(list("BTCUSDT", "&limit=1")).hasSize(1);
        for (String limit : List.of("0", "1001", "-5", "many")) {
            JsonNode body = simulator.json(KLINE + "BTCUSDT&limit=" + limit);
            assertThat(body.get("retCode").asInt()).as(limit).isEqualTo(10001);
            assertThat(body.get("retMsg").asText()).as(limit).startsWith("params error");
        }
    }

    @Test
    void badParametersAnswerRetCode10001LikeBybit() {
        assertThat(simulator.json(KLINE + "NOPEUSDT").get("retMsg").asText()).isEqualTo("Not supported symbols");
        assertThat(simulator.json(KLINE + "btcusdt").get("retCode").asInt()).isEqualTo(10001);
        assertThat(simulator.json("/v5/market/kline?category=linear&interval=60&symbol=BTCUSDT").get("retMsg").asText())
                .isEqualTo("Invalid period!");
        assertThat(simulator.json("/v5/market/kline?category=linear&interval=5").get("retCode").asInt()).isEqualTo(10001);
        assertThat(simulator.json(KLINE + "BTCUSDT&start=2000&end=1000").get("retCode").asInt()).isEqualTo(10001);
        assertThat(simulator.json(KLINE + "BTCUSDT&start=yesterday").get("retCode").asInt()).isEqualTo(10001);
        assertThat(simulator.json("/v5/market/kline?interval=5&symbol=BTCUSDT").get("retCode").asInt())
                .as("category defaults to linear").isZero();
    }

    @Test
    void anyPageEqualsTheSameSliceOfALargerPage() {
        long start = CURRENT_CANDLE - 1500 * FIVE_MINUTES;
        JsonNode large = list("ETHUSDT", "&start=" + start + "&limit=1000");
        for (int offset : new int[] {0, 137, 500, 900}) {
            long pageStart = start + offset * FIVE_MINUTES;
            JsonNode page = list("ETHUSDT", "&start=" + pageStart + "&end=" + (pageStart + 99 * FIVE_MINUTES));
            assertThat(page).hasSize(100);
            for (int i = 0; i < 100; i++) {
                // Both lists are newest first: the large page ends with its oldest candle.
                assertThat(page.get(i)).isEqualTo(large.get(999 - offset - 99 + i));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameCandlesAndAnotherSeedOthers() {
        String query = "SOLUSDT&end=" + (CURRENT_CANDLE - 3000 * FIVE_MINUTES) + "&limit=1000";
        try (SimulatorServer twin = SimulatorHttp.start(SETTINGS, FIXED_CLOCK);
             SimulatorServer other = SimulatorHttp.start(Map.of("symbols", "40", "seed", "7"), FIXED_CLOCK)) {
            JsonNode original = simulator.json(KLINE + query).get("result");
            assertThat(new SimulatorHttp(twin).json(KLINE + query).get("result")).isEqualTo(original);
            assertThat(new SimulatorHttp(other).json(KLINE + query).get("result")).isNotEqualTo(original);
        }
    }

    @Test
    void syntheticCandlesKeepTheOhlcInvariantsAndJoinUp() {
        JsonNode instruments = simulator.json("/v5/market/instruments-info?category=linear&limit=1000").get("result").get("list");
        // Collected rather than asserted one by one: tens of thousands of candles are checked.
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (JsonNode instrument : instruments) {
            JsonNode rows = list(instrument.get("symbol").asText(), "&limit=1000");
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                String problem = ohlcProblem(row, i + 1 < rows.size() ? rows.get(i + 1) : null);
                if (problem != null) {
                    violations.add(instrument.get("symbol").asText() + " " + row + ": " + problem);
                }
                checked++;
            }
        }
        assertThat(violations).isEmpty();
        assertThat(checked).isGreaterThan(40 * 1000);
    }

    /** What is wrong with a candle, given the one before it (the next row, as the list is newest first), or null. */
    private static String ohlcProblem(JsonNode row, JsonNode previous) {
        for (JsonNode field : row) {
            if (field.asText().toUpperCase(Locale.ROOT).contains("E")) {
                return "exponent notation";
            }
        }
        BigDecimal open = decimal(row, 1);
        BigDecimal high = decimal(row, 2);
        BigDecimal low = decimal(row, 3);
        BigDecimal close = decimal(row, 4);
        BigDecimal volume = decimal(row, 5);
        BigDecimal turnover = decimal(row, 6);
        if (low.signum() <= 0 || high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0) {
            return "OHLC out of order";
        }
        if (volume.signum() < 0 || turnover.signum() < 0) {
            return "negative volume or turnover";
        }
        if (volume.signum() > 0 && turnover.signum() > 0) {
            double averagePrice = turnover.divide(volume, MathContext.DECIMAL64).doubleValue();
            if (averagePrice < low.doubleValue() * 0.99 || averagePrice > high.doubleValue() * 1.01) {
                return "turnover is not volume times a price within the candle";
            }
        }
        if (previous != null && open.compareTo(decimal(previous, 4)) != 0) {
            return "open differs from the previous close";
        }
        return null;
    }

    @Test
    void microPricedSymbolsKeepAllTheirDigits() {
        // Only generated symbols are micro-priced (about one in twenty), so this needs the full default universe.
        try (SimulatorServer full = SimulatorHttp.start(Map.of(), FIXED_CLOCK)) {
            SimulatorHttp fullHttp = new SimulatorHttp(full);
            JsonNode instruments = fullHttp.json("/v5/market/instruments-info?category=linear&limit=1000")
                    .get("result").get("list");
            List<String> microPriced = new ArrayList<>();
            instruments.forEach(instrument -> {
                if (instrument.get("priceScale").asInt() >= 10) {
                    microPriced.add(instrument.get("symbol").asText());
                }
            });
            assertThat(microPriced).hasSizeGreaterThan(5);
            for (String symbol : microPriced) {
                JsonNode row = fullHttp.json(KLINE + symbol + "&limit=1").get("result").get("list").get(0);
                BigDecimal close = decimal(row, 4);
                assertThat(close).isLessThan(new BigDecimal("0.00002"));
                assertThat(close.precision()).as(row.toString()).isGreaterThanOrEqualTo(4);
                assertThat(row.get(4).asText()).startsWith("0.0000");
            }
        }
    }

    @Test
    void theOpenCandleIsServedWithTheLastPriceAndNewCandlesAppearAsTimePasses() {
        MutableClock clock = new MutableClock(NOW);
        try (SimulatorServer live = SimulatorHttp.start(SETTINGS, clock)) {
            SimulatorHttp liveHttp = new SimulatorHttp(live);
            JsonNode halfway = liveHttp.json(KLINE + "BTCUSDT&limit=2").get("result").get("list");
            assertThat(halfway.get(0).get(0).asLong()).isEqualTo(CURRENT_CANDLE);

            clock.advance(Duration.ofMinutes(2).plusSeconds(31));
            JsonNode closed = liveHttp.json(KLINE + "BTCUSDT&limit=2").get("result").get("list");
            assertThat(closed.get(0).get(0).asLong()).as("a new open candle").isEqualTo(CURRENT_CANDLE + FIVE_MINUTES);
            JsonNode finished = closed.get(1);
            assertThat(finished.get(0).asLong()).isEqualTo(CURRENT_CANDLE);
            assertThat(finished.get(1)).as("same open").isEqualTo(halfway.get(0).get(1));
            assertThat(decimal(finished, 5)).as("volume kept growing").isGreaterThan(decimal(halfway.get(0), 5));
            assertThat(halfway.get(1)).as("closed candles never change").isEqualTo(
                    liveHttp.json(KLINE + "BTCUSDT&limit=3").get("result").get("list").get(2));

            clock.advance(Duration.ofHours(1));
            assertThat(liveHttp.json(KLINE + "BTCUSDT&limit=1000&start=" + CURRENT_CANDLE).get("result").get("list"))
                    .hasSize(14)
                    .last().isEqualTo(finished);
        }
    }

    private static JsonNode list(String symbol, String query) {
        JsonNode body = simulator.json(KLINE + symbol + query);
        assertThat(body.get("retCode").asInt()).as(body.toString()).isZero();
        return body.get("result").get("list");
    }

    private static List<Long> openTimes(JsonNode rows) {
        List<Long> openTimes = new ArrayList<>();
        rows.forEach(row -> openTimes.add(row.get(0).asLong()));
        return openTimes;
    }

    private static BigDecimal decimal(JsonNode row, int index) {
        return new BigDecimal(row.get(index).asText());
    }
}
