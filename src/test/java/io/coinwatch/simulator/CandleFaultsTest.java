package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.coinwatch.simulator.SimulatorHttp.CURRENT_CANDLE;
import static io.coinwatch.simulator.SimulatorHttp.FIVE_MINUTES;
import static io.coinwatch.simulator.SimulatorHttp.FIXED_CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

class CandleFaultsTest {

    private static final long CONFIGURED_MISSING = CURRENT_CANDLE - 10 * FIVE_MINUTES;
    private static final Instant OUTAGE_START = Instant.ofEpochMilli(CURRENT_CANDLE - 40 * FIVE_MINUTES);
    private static final Instant OUTAGE_END = Instant.ofEpochMilli(CURRENT_CANDLE - 31 * FIVE_MINUTES);
    private static final long CONFIGURED_INVALID = CURRENT_CANDLE - 3 * FIVE_MINUTES;

    @RegisterExtension
    static final RunningSimulator simulator = new RunningSimulator(Map.of(
            "symbols", "5",
            "faults.missing-candles", "BTCUSDT@" + CONFIGURED_MISSING + ",ETHUSDT@" + OUTAGE_START + ".." + OUTAGE_END,
            "faults.invalid-candles", "SOLUSDT@" + CONFIGURED_INVALID));

    @Test
    void configuredMissingCandlesAreAbsentAndThePageReachesOneFurther() {
        List<Long> openTimes = bybitOpenTimes("BTCUSDT", "&limit=20");
        assertThat(openTimes).hasSize(20).doesNotContain(CONFIGURED_MISSING);
        assertThat(openTimes.get(19)).isEqualTo(CURRENT_CANDLE - 20 * FIVE_MINUTES);
        assertThat(bybitOpenTimes("BTCUSDT", "&start=" + CONFIGURED_MISSING + "&end=" + CONFIGURED_MISSING)).isEmpty();
    }

    @Test
    void aMissingRangeIsAnOutageThatRefetchingNeverFills() {
        String outage = "&start=" + OUTAGE_START.toEpochMilli() + "&end=" + OUTAGE_END.toEpochMilli();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(bybitOpenTimes("ETHUSDT", outage)).isEmpty();
        }
        List<Long> around = bybitOpenTimes("ETHUSDT", "&start=" + (OUTAGE_START.toEpochMilli() - FIVE_MINUTES)
                + "&end=" + (OUTAGE_END.toEpochMilli() + FIVE_MINUTES));
        assertThat(around).containsExactly(OUTAGE_END.toEpochMilli() + FIVE_MINUTES,
                OUTAGE_START.toEpochMilli() - FIVE_MINUTES);
        JsonNode binance = simulator.json("/api/v3/klines?symbol=ETHUSDT&interval=5m&startTime="
                + OUTAGE_START.toEpochMilli() + "&endTime=" + OUTAGE_END.toEpochMilli());
        assertThat(binance).isEmpty();
    }

    @Test
    void candlesRemovedAtRuntimeDisappearAndResetRestoresThem() {
        long single = CURRENT_CANDLE - 50 * FIVE_MINUTES;
        simulator.faults().removeCandle("XRPUSDT", single);
        simulator.faults().removeCandles("XRPUSDT", CURRENT_CANDLE - 70 * FIVE_MINUTES, CURRENT_CANDLE - 61 * FIVE_MINUTES);

        List<Long> openTimes = bybitOpenTimes("XRPUSDT", "&limit=100");
        assertThat(openTimes).hasSize(100).doesNotContain(single);
        assertThat(openTimes.stream().filter(t -> t >= CURRENT_CANDLE - 70 * FIVE_MINUTES
                && t <= CURRENT_CANDLE - 61 * FIVE_MINUTES)).isEmpty();
        assertThat(openTimes.get(99)).isEqualTo(CURRENT_CANDLE - 110 * FIVE_MINUTES);

        simulator.faults().reset();
        assertThat(bybitOpenTimes("XRPUSDT", "&limit=100")).contains(single);
    }

    @Test
    void invalidCandlesComeBackWithTheHighBelowTheLow() {
        simulator.faults().corruptCandle("XRPUSDT", CURRENT_CANDLE - FIVE_MINUTES);

        assertThat(highBelowLow(bybitRow("SOLUSDT", CONFIGURED_INVALID))).isTrue();
        assertThat(highBelowLow(bybitRow("XRPUSDT", CURRENT_CANDLE - FIVE_MINUTES))).isTrue();
        assertThat(highBelowLow(bybitRow("XRPUSDT", CURRENT_CANDLE - 2 * FIVE_MINUTES))).isFalse();
        JsonNode binanceRow = simulator.json("/api/v3/klines?symbol=SOLUSDT&interval=5m&startTime=" + CONFIGURED_INVALID
                + "&limit=1").get(0);
        assertThat(new BigDecimal(binanceRow.get(2).asText())).isLessThan(new BigDecimal(binanceRow.get(3).asText()));
    }

    private static boolean highBelowLow(JsonNode row) {
        return new BigDecimal(row.get(2).asText()).compareTo(new BigDecimal(row.get(3).asText())) < 0;
    }

    private static JsonNode bybitRow(String symbol, long openTime) {
        return simulator.json("/v5/market/kline?category=linear&interval=5&symbol=" + symbol + "&start=" + openTime
                + "&end=" + openTime).get("result").get("list").get(0);
    }

    private static List<Long> bybitOpenTimes(String symbol, String query) {
        List<Long> openTimes = new ArrayList<>();
        simulator.json("/v5/market/kline?category=linear&interval=5&symbol=" + symbol + query).get("result").get("list")
                .forEach(row -> openTimes.add(row.get(0).asLong()));
        return openTimes;
    }
}
