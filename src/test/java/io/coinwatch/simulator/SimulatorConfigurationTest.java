package io.coinwatch.simulator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.coinwatch.simulator.SimulatorHttp.FIXED_CLOCK;
import static io.coinwatch.simulator.SimulatorHttp.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SimulatorConfiguration.class);

    @Test
    void startsTheServerWhenEnabledOnTheApplicationClockAndStopsItWithTheContext() {
        AtomicReference<URI> baseUrl = new AtomicReference<>();
        context.withPropertyValues("coinwatch.simulator.enabled=true", "coinwatch.simulator.symbols=3")
                .withBean(Clock.class, () -> FIXED_CLOCK)
                .run(running -> {
                    SimulatorServer server = running.getBean(SimulatorServer.class);
                    assertThat(server.port()).isPositive();
                    baseUrl.set(server.baseUrl());
                    assertThat(new SimulatorHttp(server).json("/v5/market/kline?category=linear&interval=5&symbol=BTCUSDT")
                            .get("time").asLong()).isEqualTo(NOW.toEpochMilli());
                });
        HttpRequest afterClose = HttpRequest.newBuilder(baseUrl.get().resolve("/v5/market/kline")).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(afterClose, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void staysOffUnlessEnabled() {
        context.run(running -> assertThat(running).doesNotHaveBean(SimulatorServer.class));
        context.withPropertyValues("coinwatch.simulator.enabled=false")
                .run(running -> assertThat(running).doesNotHaveBean(SimulatorServer.class));
    }

    @Test
    void propertiesDefaultAsDocumented() {
        SimulatorProperties defaults = SimulatorProperties.of(Map.of());
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.port()).isZero();
        assertThat(defaults.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(defaults.symbols()).isEqualTo(600);
        assertThat(defaults.historyDays()).isEqualTo(30);
        assertThat(defaults.replayDir()).isNull();
        assertThat(defaults.seed()).isEqualTo(42);
        assertThat(defaults.limits().bybitRequestsPerWindow()).isEqualTo(600);
        assertThat(defaults.limits().bybitWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.limits().bybitBan()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.limits().binanceWeightPerMinute()).isEqualTo(6000);
        assertThat(defaults.limits().coingeckoCallsPerMinute()).isZero();
        assertThat(defaults.faults().enforceRateLimits()).isFalse();
        assertThat(defaults.faults().missingCandles()).isEmpty();
        assertThat(defaults.faults().latency()).isZero();
    }

    @Test
    void standaloneSettingsComeFromArgumentsOverSystemProperties() {
        System.setProperty("coinwatch.simulator.port", "9100");
        System.setProperty("coinwatch.simulator.symbols", "12");
        try {
            SimulatorProperties properties = SimulatorProperties.of(SimulatorMain.settings(new String[] {
                    "--port=9200", "--history-days=7", "--replay-dir=data/replay", "--faults.latency=250ms",
                    "--faults.delisted=BTCUSDT,ETHUSDT"}));
            assertThat(properties.port()).isEqualTo(9200);
            assertThat(properties.symbols()).isEqualTo(12);
            assertThat(properties.historyDays()).isEqualTo(7);
            assertThat(properties.replayDir()).isEqualTo(Path.of("data/replay"));
            assertThat(properties.faults().latency()).isEqualTo(Duration.ofMillis(250));
            assertThat(properties.faults().delisted()).isEqualTo(List.of("BTCUSDT", "ETHUSDT"));
        } finally {
            System.clearProperty("coinwatch.simulator.port");
            System.clearProperty("coinwatch.simulator.symbols");
        }
        assertThatThrownBy(() -> SimulatorMain.settings(new String[] {"port=1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
