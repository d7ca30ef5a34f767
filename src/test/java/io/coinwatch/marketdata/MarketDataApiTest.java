package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.model.Candle;
import io.coinwatch.support.ApiClient;
import io.coinwatch.support.CoinwatchIntegrationTest;
import io.coinwatch.support.TestSymbols;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The market-data API over real HTTP on data written through the candle store: contiguous candles, every derived
 * interval, and a JSON 4xx for every bad input.
 */
@CoinwatchIntegrationTest
class MarketDataApiTest {

    private static final long STEP = CandleInterval.BASE_MILLIS;
    /** Monday 2024-01-01 00:00 UTC. */
    private static final long MONDAY = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final int DAYS = 15;

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired CandleStore store;
    private ApiClient api;

    @BeforeEach
    void seed() {
        api = new ApiClient(port);
        int id = TestSymbols.ensureUnlisted(jdbc, "APITEST", MONDAY);
        if (store.count(id, MONDAY, MONDAY + DAYS * 288 * STEP) == 0) {
            List<Candle> candles = new java.util.ArrayList<>();
            for (int i = 0; i < DAYS * 288; i++) {
                BigDecimal open = BigDecimal.valueOf(100 + i % 7);
                candles.add(new Candle(MONDAY + i * STEP, open, open.add(BigDecimal.valueOf(3)), open.subtract(BigDecimal.ONE),
                        open.add(BigDecimal.ONE), BigDecimal.valueOf(2), new BigDecimal("0.00000001")));
            }
            store.write(id, candles);
        }
    }

    private int symbolId() {
        return jdbc.queryForObject("SELECT id FROM symbol WHERE exchange = 'bybit' AND symbol = 'APITESTUSDT'", Integer.class);
    }

    @Test
    void symbolsAndOneSymbol() {
        JsonNode list = api.getOk("/api/v1/market-data/symbols");
        assertThat(list.path("symbols").findValuesAsText("symbol")).contains("APITESTUSDT");
        JsonNode one = api.getOk("/api/v1/market-data/symbols/APITESTUSDT");
        assertThat(one.path("baseAsset").asText()).isEqualTo("APITEST");
        assertThat(one.path("launchTime").asLong()).isEqualTo(MONDAY);
        api.assertError("GET", "/api/v1/market-data/symbols/NOPEUSDT", 404, "unknown_symbol");
    }

    @Test
    void fiveMinuteCandlesAreContiguousAscendingAndAtFullPrecision() {
        JsonNode body = api.getOk("/api/v1/market-data/klines/APITESTUSDT?interval=5m&start=" + MONDAY + "&limit=1000");
        JsonNode klines = body.path("klines");
        assertThat(klines).hasSize(1000);
        for (int i = 0; i < klines.size(); i++) {
            assertThat(klines.get(i).path("openTime").asLong()).isEqualTo(MONDAY + i * STEP);
        }
        assertThat(klines.get(0).path("turnover").decimalValue()).isEqualByComparingTo("0.00000001");
        assertThat(body.path("interval").asText()).isEqualTo("5m");
        // Bybit's code works as an alias.
        assertThat(api.getOk("/api/v1/market-data/klines/APITESTUSDT?interval=5&start=" + MONDAY + "&limit=3").path("klines")).hasSize(3);
    }

    @Test
    void startAndEndAreInclusiveAndTheDefaultLimitIs200() {
        long start = MONDAY + 10 * STEP;
        JsonNode klines = api.getOk("/api/v1/market-data/klines/APITESTUSDT?start=" + start + "&end=" + (start + 4 * STEP)).path("klines");
        assertThat(klines).hasSize(5);
        assertThat(klines.get(4).path("openTime").asLong()).isEqualTo(start + 4 * STEP);
        assertThat(api.getOk("/api/v1/market-data/klines/APITESTUSDT?start=" + MONDAY).path("klines")).hasSize(200);
    }

    @Test
    void derivedIntervalsAggregateCompleteUtcBuckets() {
        JsonNode hours = api.getOk("/api/v1/market-data/klines/APITESTUSDT?interval=1h&start=" + MONDAY + "&limit=2").path("klines");
        assertThat(hours).hasSize(2);
        // First hour: 12 candles with opens 100..106 cycling; open of the first, close of the last, max high, min low, summed volume.
        JsonNode h0 = hours.get(0);
        assertThat(h0.path("openTime").asLong()).isEqualTo(MONDAY);
        assertThat(h0.path("open").decimalValue()).isEqualByComparingTo("100");
        assertThat(h0.path("close").decimalValue()).isEqualByComparingTo(String.valueOf(100 + 11 % 7 + 1));
        assertThat(h0.path("high").decimalValue()).isEqualByComparingTo("109");
        assertThat(h0.path("low").decimalValue()).isEqualByComparingTo("99");
        assertThat(h0.path("volume").decimalValue()).isEqualByComparingTo("24");

        JsonNode weeks = api.getOk("/api/v1/market-data/klines/APITESTUSDT?interval=W&start=" + MONDAY + "&limit=5");
        // 15 days from a Monday: two complete weeks; the third week is incomplete and not returned.
        assertThat(weeks.path("klines")).hasSize(2);
        assertThat(weeks.path("klines").get(1).path("openTime").asLong()).isEqualTo(MONDAY + 7 * 86_400_000L);
        assertThat(weeks.path("incompleteBuckets").asLong()).isPositive();

        for (String interval : List.of("15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d", "1w")) {
            JsonNode k = api.getOk("/api/v1/market-data/klines/APITESTUSDT?interval=" + interval + "&start=" + MONDAY + "&limit=3").path("klines");
            CandleInterval parsed = CandleInterval.parse(interval).orElseThrow();
            assertThat(k.size()).as(interval).isBetween(1, 3);
            assertThat(k.get(0).path("openTime").asLong() % parsed.millis()).as(interval + " aligned").isEqualTo(MONDAY % parsed.millis());
        }
    }

    @Test
    void aBucketWithAMissingBaseCandleIsNotReturned() {
        int id = symbolId();
        long hole = MONDAY + 86_400_000L * 3 + 7 * STEP; // inside the 4th day's first hour
        Map<String, Object> kept = jdbc.queryForMap("SELECT * FROM candle WHERE symbol_id = ? AND open_time = ?", id, new Timestamp(hole));
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time = ?", id, new Timestamp(hole));
        try {
            long day4 = MONDAY + 86_400_000L * 3;
            JsonNode hours = api.getOk("/api/v1/market-data/klines/APITESTUSDT?interval=1h&start=" + day4 + "&limit=2").path("klines");
            assertThat(hours.findValuesAsText("openTime")).doesNotContain(String.valueOf(day4));
            JsonNode days = api.getOk("/api/v1/market-data/klines/APITESTUSDT?interval=1d&start=" + day4 + "&limit=1").path("klines");
            assertThat(days).isEmpty();
        } finally {
            jdbc.update("INSERT INTO candle VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", kept.get("symbol_id"), kept.get("interval_minutes"),
                    kept.get("open_time"), kept.get("open"), kept.get("high"), kept.get("low"), kept.get("close"), kept.get("volume"), kept.get("turnover"));
        }
    }

    @Test
    void badInputGetsA4xxInTheErrorContract() {
        String k = "/api/v1/market-data/klines/APITESTUSDT";
        api.assertError("GET", k + "?interval=7m", 400, "invalid_interval");
        api.assertError("GET", k + "?limit=0", 400, "invalid_limit");
        api.assertError("GET", k + "?limit=1001", 400, "invalid_limit");
        api.assertError("GET", k + "?limit=abc", 400, "invalid_limit");
        api.assertError("GET", k + "?start=yesterday", 400, "invalid_start");
        api.assertError("GET", k + "?end=1e9", 400, "invalid_end");
        api.assertError("GET", k + "?start=2000&end=1000", 400, "invalid_range");
        api.assertError("GET", k + "?start=-5", 400, "invalid_range");
        api.assertError("GET", "/api/v1/market-data/klines/NOPEUSDT", 404, "unknown_symbol");
        api.assertError("GET", "/api/v1/market-data/symbols?exchange=kraken", 400, "invalid_exchange");
        api.assertError("GET", "/api/v1/market-data/gaps?status=closed", 400, "invalid_status");
        api.assertError("POST", k, 405, "method_not_allowed");
    }

    @Test
    void gapsAndBackfillStatusAnswer() {
        assertThat(api.getOk("/api/v1/market-data/gaps?status=open").has("gaps")).isTrue();
        JsonNode status = api.getOk("/api/v1/market-data/backfill/status");
        assertThat(status.path("overall").has("percent")).isTrue();
        assertThat(status.path("symbols").isArray()).isTrue();
    }
}
