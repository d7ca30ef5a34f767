package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.Map;

import static io.coinwatch.simulator.SimulatorHttp.CURRENT_CANDLE;
import static io.coinwatch.simulator.SimulatorHttp.FIVE_MINUTES;
import static io.coinwatch.simulator.SimulatorHttp.FIXED_CLOCK;
import static io.coinwatch.simulator.SimulatorHttp.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class BinanceApiTest {

    private static final String KLINES = "/api/v3/klines?interval=5m&symbol=";

    @RegisterExtension
    static final RunningSimulator simulator = new RunningSimulator(Map.of("symbols", "300"));

    @Test
    void exchangeInfoListsTheUsdtSymbolsWithTheirFilters() {
        JsonNode info = simulator.json("/api/v3/exchangeInfo");
        assertThat(info.get("timezone").asText()).isEqualTo("UTC");
        assertThat(info.get("serverTime").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(info.get("rateLimits").get(0).get("rateLimitType").asText()).isEqualTo("REQUEST_WEIGHT");
        assertThat(info.get("rateLimits").get(0).get("limit").asInt()).isEqualTo(6000);

        JsonNode symbols = info.get("symbols");
        // 300 USDT perpetuals plus the two with a malformed launchTime; USDC, futures and pre-launch are not spot pairs.
        assertThat(symbols).hasSize(302);
        assertThat(symbols.findValuesAsText("quoteAsset")).containsOnly("USDT");
        assertThat(symbols.findValuesAsText("status")).contains("TRADING", "HALT", "BREAK");

        JsonNode btc = simulator.json("/api/v3/exchangeInfo?symbol=BTCUSDT").get("symbols").get(0);
        assertThat(btc.get("status").asText()).isEqualTo("TRADING");
        assertThat(btc.get("baseAsset").asText()).isEqualTo("BTC");
        assertThat(btc.get("permissions").isArray()).isTrue();
        JsonNode priceFilter = btc.get("filters").get(0);
        assertThat(priceFilter.get("filterType").asText()).isEqualTo("PRICE_FILTER");
        assertThat(priceFilter.get("tickSize").asText()).isEqualTo("0.10000000");
        assertThat(btc.get("filters").findValuesAsText("filterType")).contains("LOT_SIZE", "NOTIONAL");
    }

    @Test
    void exchangeInfoFiltersBySymbolsAndStatus() {
        JsonNode two = simulator.json("/api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22,%22ETHUSDT%22%5D").get("symbols");
        assertThat(two.findValuesAsText("symbol")).containsExactly("BTCUSDT", "ETHUSDT");
        JsonNode halted = simulator.json("/api/v3/exchangeInfo?symbolStatus=HALT").get("symbols");
        assertThat(halted.findValuesAsText("status")).isNotEmpty().containsOnly("HALT");

        SimulatorHttp.Reply unknown = simulator.get("/api/v3/exchangeInfo?symbol=NOPEUSDT");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asInt()).isEqualTo(-1121);
        assertThat(unknown.json().get("msg").asText()).isEqualTo("Invalid symbol.");
        assertThat(simulator.get("/api/v3/exchangeInfo?symbol=BTCPERP").status()).as("USDC is not listed").isEqualTo(400);
    }

    @Test
    void klinesAreTwelveFieldRowsOldestFirst() {
        JsonNode rows = simulator.json(KLINES + "BTCUSDT");
        assertThat(rows).hasSize(500);
        assertThat(rows.get(499).get(0).asLong()).isEqualTo(CURRENT_CANDLE);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertThat(row).hasSize(12);
            assertThat(row.get(0).isIntegralNumber()).isTrue();
            for (int field : new int[] {1, 2, 3, 4, 5, 7, 9, 10, 11}) {
                assertThat(row.get(field).isTextual()).isTrue();
            }
            assertThat(row.get(6).isIntegralNumber()).isTrue();
            assertThat(row.get(8).isIntegralNumber()).isTrue();
            assertThat(row.get(6).asLong()).isEqualTo(row.get(0).asLong() + FIVE_MINUTES - 1);
            assertThat(row.get(11).asText()).isEqualTo("0");
            assertThat(row.get(1).asText()).matches("\\d+\\.\\d{8,}");
            assertThat(new BigDecimal(row.get(9).asText())).isLessThanOrEqualTo(new BigDecimal(row.get(5).asText()));
            if (i > 0) {
                assertThat(row.get(0).asLong() - rows.get(i - 1).get(0).asLong()).isEqualTo(FIVE_MINUTES);
            }
        }
    }

    @Test
    void klinesCarryTheSameCandlesAsBybit() {
        long start = CURRENT_CANDLE - 20 * FIVE_MINUTES;
        JsonNode binance = simulator.json(KLINES + "ETHUSDT&startTime=" + start + "&endTime=" + (start + 4 * FIVE_MINUTES));
        JsonNode bybit = simulator.json("/v5/market/kline?category=linear&interval=5&symbol=ETHUSDT&start=" + start
                + "&end=" + (start + 4 * FIVE_MINUTES)).get("result").get("list");
        assertThat(binance).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode binanceRow = binance.get(i);
            JsonNode bybitRow = bybit.get(4 - i);
            assertThat(binanceRow.get(0).asLong()).isEqualTo(bybitRow.get(0).asLong());
            for (int field = 1; field <= 5; field++) {
                assertThat(new BigDecimal(binanceRow.get(field).asText()))
                        .isEqualByComparingTo(new BigDecimal(bybitRow.get(field).asText()));
            }
            assertThat(new BigDecimal(binanceRow.get(7).asText()))
                    .isEqualByComparingTo(new BigDecimal(bybitRow.get(6).asText()));
        }
        assertThat(simulator.json(KLINES + "ETHUSDT&startTime=" + start + "&limit=3").get(0).get(0).asLong()).isEqualTo(start);
        assertThat(simulator.json(KLINES + "ETHUSDT&endTime=" + start + "&limit=3").get(2).get(0).asLong()).isEqualTo(start);
    }

    @Test
    void errorsAreHttp400WithBinanceCodes() {
        assertError(KLINES + "NOPEUSDT", -1121);
        assertError("/api/v3/klines?interval=5m", -1102);
        assertError("/api/v3/klines?interval=7x&symbol=BTCUSDT", -1120);
        assertError(KLINES + "BTCUSDT&limit=1001", -1130);
        assertError(KLINES + "BTCUSDT&startTime=soon", -1100);
        assertError(KLINES + "BTCUSDT&startTime=2000&endTime=1000", -1023);
    }

    @Test
    void everyResponseReportsTheUsedWeight() {
        int before = Integer.parseInt(simulator.get(KLINES + "BTCUSDT&limit=1").header("X-MBX-USED-WEIGHT-1M"));
        int afterInfo = Integer.parseInt(simulator.get("/api/v3/exchangeInfo?symbol=BTCUSDT").header("X-MBX-USED-WEIGHT-1M"));
        int afterKlines = Integer.parseInt(simulator.get(KLINES + "BTCUSDT&limit=1").header("X-MBX-USED-WEIGHT-1M"));
        assertThat(afterInfo - before).isEqualTo(20);
        assertThat(afterKlines - afterInfo).isEqualTo(2);
        assertThat(simulator.get(KLINES + "NOPEUSDT").header("X-MBX-USED-WEIGHT-1M")).isNotNull();
    }

    private static void assertError(String pathAndQuery, int code) {
        SimulatorHttp.Reply reply = simulator.get(pathAndQuery);
        assertThat(reply.status()).as(pathAndQuery).isEqualTo(400);
        assertThat(reply.json().get("code").asInt()).as(pathAndQuery).isEqualTo(code);
        assertThat(reply.json().get("msg").asText()).isNotBlank();
    }
}
