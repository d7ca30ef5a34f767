package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.coinwatch.simulator.SimulatorHttp.FIXED_CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TrafficFaultsTest {

    private static final String KLINE = "/v5/market/kline?category=linear&interval=5&limit=3&symbol=";
    private static final String BINANCE_KLINES = "/api/v3/klines?interval=5m&limit=3&symbol=";
    private static final String COINGECKO_MARKETS = "/api/v3/coins/markets?vs_currency=usd&per_page=3";

    @RegisterExtension
    static final RunningSimulator simulator = new RunningSimulator(Map.of("symbols", "5"));

    @Test
    void throttleAnswers429InEachApisDialectOnceThenRecovers() {
        simulator.faults().failNext(3, ResponseFault.throttle(Duration.ofMillis(1500)));

        long before = System.currentTimeMillis();
        SimulatorHttp.Reply bybit = simulator.get(KLINE + "BTCUSDT");
        assertThat(bybit.status()).isEqualTo(429);
        assertThat(bybit.header("X-Bapi-Limit-Status")).isEqualTo("0");
        assertThat(Long.parseLong(bybit.header("X-Bapi-Limit-Reset-Timestamp")))
                .isBetween(before + 1500, System.currentTimeMillis() + 1500);

        SimulatorHttp.Reply binance = simulator.get(BINANCE_KLINES + "BTCUSDT");
        assertThat(binance.status()).isEqualTo(429);
        assertThat(binance.header("Retry-After")).isEqualTo("2");
        assertThat(binance.json().get("code").asInt()).isEqualTo(-1003);
        assertThat(binance.header("X-MBX-USED-WEIGHT-1M")).isNotNull();

        SimulatorHttp.Reply coinGecko = simulator.get(COINGECKO_MARKETS);
        assertThat(coinGecko.status()).isEqualTo(429);
        assertThat(coinGecko.header("Retry-After")).isEqualTo("2");
        assertThat(coinGecko.json().get("status").get("error_code").asInt()).isEqualTo(429);

        assertThat(simulator.get(KLINE + "BTCUSDT").status()).isEqualTo(200);
    }

    @Test
    void faultsCanTargetAPathOrASymbol() {
        simulator.faults().failNext(1, ResponseFault.serverError(502), RequestMatch.subject("ETHUSDT"));
        simulator.faults().failNext(1, ResponseFault.serverError(503), RequestMatch.path("/api/v3/coins/"));

        assertThat(simulator.get(KLINE + "BTCUSDT").status()).isEqualTo(200);
        assertThat(simulator.get(BINANCE_KLINES + "BTCUSDT").status()).isEqualTo(200);
        assertThat(simulator.get(KLINE + "ETHUSDT").status()).isEqualTo(502);
        assertThat(simulator.get(KLINE + "ETHUSDT").status()).isEqualTo(200);
        assertThat(simulator.get(COINGECKO_MARKETS).status()).isEqualTo(503);
        assertThat(simulator.get(COINGECKO_MARKETS).status()).isEqualTo(200);
    }

    @Test
    void tooManyVisitsIsBybitOnlyAndComesAsRetCode10006() {
        simulator.faults().failNext(1, ResponseFault.tooManyVisits());

        assertThat(simulator.get(BINANCE_KLINES + "BTCUSDT").status()).as("not consumed by Binance").isEqualTo(200);
        JsonNode bybit = simulator.json(KLINE + "BTCUSDT");
        assertThat(bybit.get("retCode").asInt()).isEqualTo(10006);
        assertThat(bybit.get("retMsg").asText()).isEqualTo("Too many visits!");
        assertThat(simulator.json(KLINE + "BTCUSDT").get("retCode").asInt()).isZero();
    }

    @Test
    void malformedJsonIsA200WithABrokenBody() {
        simulator.faults().failNext(1, ResponseFault.malformedJson(), RequestMatch.path("/v5/"));

        SimulatorHttp.Reply broken = simulator.get(KLINE + "BTCUSDT");
        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.body()).startsWith("{\"retCode\":0");
        assertThatThrownBy(broken::json).isInstanceOf(IllegalStateException.class);
        assertThat(simulator.get(KLINE + "BTCUSDT").json().get("retCode").asInt()).isZero();
    }

    @Test
    void slowResponsesTripClientTimeouts() {
        simulator.faults().failNext(1, ResponseFault.delay(Duration.ofMillis(600)));
        assertThatThrownBy(() -> simulator.http().get(KLINE + "BTCUSDT", Duration.ofMillis(200)))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);

        simulator.faults().setLatency(Duration.ofMillis(150));
        long started = System.nanoTime();
        assertThat(simulator.get(KLINE + "BTCUSDT").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        awaitLogged(2);
    }

    /** The server logs a request once answered; a request the client gave up on is answered later. */
    private static void awaitLogged(long requests) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> simulator.server().requestLog().total() >= requests);
        assertThat(simulator.server().requestLog().total()).isEqualTo(requests);
    }

    @Test
    void aBybitBanAnswers403ForItsWholeWindowAndTheLogShowsWhatArrived() {
        Instant banStart = Instant.now();
        // Long enough that the three requests below land in it on a loaded machine too.
        simulator.faults().ban(Api.BYBIT, Duration.ofMillis(1500));

        SimulatorHttp.Reply banned = simulator.get(KLINE + "BTCUSDT");
        assertThat(banned.status()).isEqualTo(403);
        assertThat(banned.body()).isEqualTo("access too frequent");
        assertThat(simulator.get("/v5/market/instruments-info?category=linear").status()).isEqualTo(403);
        assertThat(simulator.get(BINANCE_KLINES + "BTCUSDT").status()).as("other APIs unaffected").isEqualTo(200);

        // Asked of the simulator's state, not with a request: every request lands in the log this test counts.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> !simulator.faults().isBanned(Api.BYBIT, System.currentTimeMillis()));
        Instant banEnd = Instant.now();
        assertThat(simulator.get(KLINE + "BTCUSDT").status()).isEqualTo(200);

        List<RequestLog.Entry> duringBan = simulator.server().requestLog().entriesBetween(banStart, banEnd).stream()
                .filter(entry -> entry.path().startsWith("/v5/")).toList();
        assertThat(duringBan).hasSize(2).allSatisfy(entry -> assertThat(entry.status()).isEqualTo(403));
        assertThat(simulator.server().requestLog().count("/v5/market/kline")).isEqualTo(2);
        assertThat(simulator.server().requestLog().count("/v5/market/kline", "BTCUSDT")).isEqualTo(2);
        assertThat(simulator.server().requestLog().count("/api/v3/klines", "btcusdt")).isEqualTo(1);
        assertThat(simulator.server().requestLog().total()).isEqualTo(4);
    }

    @Test
    void binanceAndCoinGeckoBansCarryRetryAfter() {
        simulator.faults().ban(Api.BINANCE, Duration.ofSeconds(90));
        simulator.faults().ban(Api.COINGECKO, Duration.ofSeconds(30));

        SimulatorHttp.Reply binance = simulator.get(BINANCE_KLINES + "BTCUSDT");
        assertThat(binance.status()).isEqualTo(418);
        assertThat(Integer.parseInt(binance.header("Retry-After"))).isBetween(89, 90);
        assertThat(binance.json().get("msg").asText()).startsWith("Way too much request weight used; IP banned until");
        SimulatorHttp.Reply coinGecko = simulator.get(COINGECKO_MARKETS);
        assertThat(coinGecko.status()).isEqualTo(429);
        assertThat(Integer.parseInt(coinGecko.header("Retry-After"))).isBetween(29, 30);

        simulator.faults().liftBans();
        assertThat(simulator.get(BINANCE_KLINES + "BTCUSDT").status()).isEqualTo(200);
    }

    @Test
    void theBybitIpLimitIsReportedAndOnlyEnforcedOnRequest() {
        try (SimulatorServer limited = SimulatorHttp.start(Map.of("symbols", "3",
                "limits.bybit-requests-per-window", "4", "limits.bybit-window", "1500ms", "limits.bybit-ban", "300ms"),
                FIXED_CLOCK)) {
            SimulatorHttp limitedHttp = new SimulatorHttp(limited);
            for (String remaining : List.of("3", "2", "1", "0")) {
                assertThat(limitedHttp.get(KLINE + "BTCUSDT").header("X-Bapi-Limit-Status")).isEqualTo(remaining);
            }
            assertThat(limitedHttp.get(KLINE + "BTCUSDT").status()).as("only counted by default").isEqualTo(200);

            limited.faults().enforceRateLimits(true);
            SimulatorHttp.Reply over = limitedHttp.get(KLINE + "BTCUSDT");
            assertThat(over.status()).isEqualTo(403);
            long windowReset = Long.parseLong(over.header("X-Bapi-Limit-Reset-Timestamp"));
            assertThat(limitedHttp.get(KLINE + "ETHUSDT").status()).as("banned").isEqualTo(403);

            // Not with requests: one in the window after the ban would be over the limit and ban again.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> System.currentTimeMillis() > windowReset
                    && !limited.faults().isBanned(Api.BYBIT, System.currentTimeMillis()));
            assertThat(limitedHttp.get(KLINE + "BTCUSDT").status()).as("ban and window over").isEqualTo(200);
        }
    }

    @Test
    void binanceEscalatesFrom429To418WhenWeightIsEnforced() {
        try (SimulatorServer limited = SimulatorHttp.start(Map.of("symbols", "3",
                "limits.binance-weight-per-minute", "4", "limits.binance-ban", "2m",
                "faults.enforce-rate-limits", "true"), FIXED_CLOCK)) {
            SimulatorHttp limitedHttp = new SimulatorHttp(limited);
            assertThat(limitedHttp.get(BINANCE_KLINES + "BTCUSDT").header("X-MBX-USED-WEIGHT-1M")).isEqualTo("2");
            assertThat(limitedHttp.get(BINANCE_KLINES + "BTCUSDT").header("X-MBX-USED-WEIGHT-1M")).isEqualTo("4");

            SimulatorHttp.Reply throttled = limitedHttp.get(BINANCE_KLINES + "BTCUSDT");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(55, 60);

            SimulatorHttp.Reply banned = limitedHttp.get(BINANCE_KLINES + "BTCUSDT");
            assertThat(banned.status()).isEqualTo(418);
            assertThat(Integer.parseInt(banned.header("Retry-After"))).isBetween(119, 120);
        }
    }

    @Test
    void coinGeckoAnswers429OverItsConfiguredCallsPerMinute() {
        try (SimulatorServer limited = SimulatorHttp.start(Map.of("symbols", "3",
                "limits.coingecko-calls-per-minute", "2"), FIXED_CLOCK)) {
            SimulatorHttp limitedHttp = new SimulatorHttp(limited);
            assertThat(limitedHttp.get("/api/v3/coins/list").status()).isEqualTo(200);
            assertThat(limitedHttp.get("/api/v3/coins/bitcoin").status()).isEqualTo(200);
            SimulatorHttp.Reply third = limitedHttp.get("/api/v3/coins/list");
            assertThat(third.status()).isEqualTo(429);
            assertThat(Integer.parseInt(third.header("Retry-After"))).isBetween(55, 60);
            assertThat(limitedHttp.get(KLINE + "BTCUSDT").status()).as("exchanges unaffected").isEqualTo(200);
        }
    }

    @Test
    void unknownPathsAnswer404() {
        assertThat(simulator.get("/v5/market/tickers?category=linear").status()).isEqualTo(404);
        assertThat(simulator.get("/nothing/here").status()).isEqualTo(404);
    }
}
