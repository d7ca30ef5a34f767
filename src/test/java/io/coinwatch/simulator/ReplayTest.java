package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayTest {

    private static final long T0 = 1_717_200_000_000L;
    private static final long FIVE_MINUTES = 300_000L;
    private static final Clock AFTER_THE_FILES = Clock.fixed(Instant.ofEpochMilli(T0 + 86_400_000L), ZoneOffset.UTC);

    @TempDir
    Path replayDir;

    @Test
    void servesEachFileAsAUsdtPerpetualExactlyAsRecorded() throws IOException {
        write("ABCUSDT.csv", ReplayLoader.HEADER,
                T0 + ",100.50,101.00,99.90,100.75,12.5,1259.375",
                (T0 + FIVE_MINUTES) + ",100.75,100.80,100.10,100.20,3,300.6",
                // the next row is missing: the exchange had no candle there
                (T0 + 3 * FIVE_MINUTES) + ",0.00000123,0.00000130,0.00000120,0.00000125,1000000,1.25");
        write("XYZUSDT.csv", ReplayLoader.HEADER, T0 + ",1,2,0.5,1.5,10,15");

        try (SimulatorServer server = SimulatorHttp.start(Map.of("symbols", "0", "replay-dir", replayDir.toString()),
                AFTER_THE_FILES)) {
            SimulatorHttp http = new SimulatorHttp(server);
            JsonNode instruments = http.json("/v5/market/instruments-info?category=linear").get("result").get("list");
            assertThat(instruments).hasSize(2);
            JsonNode abc = instruments.get(0);
            assertThat(abc.get("symbol").asText()).isEqualTo("ABCUSDT");
            assertThat(abc.get("baseCoin").asText()).isEqualTo("ABC");
            assertThat(abc.get("quoteCoin").asText()).isEqualTo("USDT");
            assertThat(abc.get("status").asText()).isEqualTo("Trading");
            assertThat(abc.get("contractType").asText()).isEqualTo("LinearPerpetual");
            assertThat(abc.get("launchTime").asText()).isEqualTo(String.valueOf(T0));

            JsonNode rows = http.json("/v5/market/kline?category=linear&interval=5&symbol=ABCUSDT&start=" + T0)
                    .get("result").get("list");
            assertThat(rows).hasSize(3);
            assertThat(texts(rows.get(0))).containsExactly(String.valueOf(T0 + 3 * FIVE_MINUTES),
                    "0.00000123", "0.00000130", "0.00000120", "0.00000125", "1000000", "1.25");
            assertThat(texts(rows.get(2))).containsExactly(String.valueOf(T0), "100.50", "101.00", "99.90", "100.75",
                    "12.5", "1259.375");

            JsonNode binance = http.json("/api/v3/klines?symbol=ABCUSDT&interval=5m&startTime=" + T0);
            assertThat(binance).hasSize(3);
            assertThat(binance.get(0).get(1).asText()).isEqualTo("100.50000000");
            assertThat(binance.get(2).get(1).asText()).isEqualTo("0.00000123");

            assertThat(http.json("/api/v3/coins/list").findValuesAsText("symbol")).contains("abc", "xyz");
        }
    }

    @Test
    void rowsAfterNowAreNotServedYet() throws IOException {
        write("ABCUSDT.csv", ReplayLoader.HEADER, T0 + ",1,2,0.5,1.5,10,15", (T0 + FIVE_MINUTES) + ",1,2,0.5,1.5,10,15");
        Clock between = Clock.fixed(Instant.ofEpochMilli(T0 + 1000), ZoneOffset.UTC);
        try (SimulatorServer server = SimulatorHttp.start(Map.of("symbols", "0", "replay-dir", replayDir.toString()),
                between)) {
            JsonNode rows = new SimulatorHttp(server).json("/v5/market/kline?category=linear&interval=5&symbol=ABCUSDT")
                    .get("result").get("list");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(0).asLong()).isEqualTo(T0);
        }
    }

    @Test
    void aReplayedFileReplacesTheSyntheticSymbolOfTheSameName() throws IOException {
        write("BTCUSDT.csv", ReplayLoader.HEADER, T0 + ",1,2,0.5,1.5,10,15");
        try (SimulatorServer server = SimulatorHttp.start(Map.of("symbols", "3", "replay-dir", replayDir.toString()),
                AFTER_THE_FILES)) {
            JsonNode rows = new SimulatorHttp(server).json("/v5/market/kline?category=linear&interval=5&symbol=BTCUSDT")
                    .get("result").get("list");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(1).asText()).isEqualTo("1");
        }
    }

    @Test
    void aMalformedFileStopsStartUpNamingFileAndLine() throws IOException {
        write("BADUSDT.csv", ReplayLoader.HEADER, T0 + ",1,2,0.5,1.5,10,15", "not-a-time,1,2,0.5,1.5,10,15");
        Map<String, String> settings = Map.of("symbols", "0", "replay-dir", replayDir.toString());
        assertThatThrownBy(() -> SimulatorHttp.start(settings, AFTER_THE_FILES))
                .hasMessageContaining("BADUSDT.csv line 3");

        write("BADUSDT.csv", "time,o,h,l,c", T0 + ",1,2,0.5,1.5");
        assertThatThrownBy(() -> SimulatorHttp.start(settings, AFTER_THE_FILES))
                .hasMessageContaining("first line must be");
    }

    private void write(String name, String... lines) throws IOException {
        Files.write(replayDir.resolve(name), List.of(lines));
    }

    private static List<String> texts(JsonNode row) {
        return List.of(row.get(0).asText(), row.get(1).asText(), row.get(2).asText(), row.get(3).asText(),
                row.get(4).asText(), row.get(5).asText(), row.get(6).asText());
    }
}
