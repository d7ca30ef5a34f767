package io.coinwatch.simulator;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small pieces whose edge cases are hard to reach over HTTP. */
class BuildingBlocksTest {

    @Test
    void timeRangesMergeOverlapsSoNestedAndChainedRangesAreFound() {
        TimeRanges ranges = new TimeRanges();
        ranges.add(10, 20);
        ranges.add(100, 200);
        ranges.add(0, 150);
        ranges.add(300, 300);

        assertThat(ranges.contains(0)).isTrue();
        assertThat(ranges.contains(175)).isTrue();
        assertThat(ranges.contains(200)).isTrue();
        assertThat(ranges.contains(201)).isFalse();
        assertThat(ranges.contains(300)).isTrue();
        assertThat(ranges.contains(-1)).isFalse();
        assertThatThrownBy(() -> ranges.add(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void baseAssetsLoseTheirMultiplierOnEitherSide() {
        assertThat(BaseAsset.parse("1000PEPE")).isEqualTo(new BaseAsset("PEPE", 1000));
        assertThat(BaseAsset.parse("1000000MOG")).isEqualTo(new BaseAsset("MOG", 1_000_000));
        assertThat(BaseAsset.parse("SHIB1000")).isEqualTo(new BaseAsset("SHIB", 1000));
        assertThat(BaseAsset.parse("BTC")).isEqualTo(new BaseAsset("BTC", 1));
        assertThat(BaseAsset.parse("1INCH")).isEqualTo(new BaseAsset("1INCH", 1));
        assertThat(BaseAsset.parse("C98")).isEqualTo(new BaseAsset("C98", 1));
    }

    @Test
    void rateWindowsOpenWithTheFirstRequestAndResetAfterTheirLength() {
        RateWindow window = new RateWindow(3, 1000);
        assertThat(window.peek(500).used()).isZero();
        assertThat(window.add(1, 1000).resetAt()).isEqualTo(2000);
        assertThat(window.add(2, 1500).remaining()).isZero();
        assertThat(window.add(1, 1999).exceeded()).isTrue();
        RateWindow.Usage fresh = window.add(1, 2000);
        assertThat(fresh.used()).isEqualTo(1);
        assertThat(fresh.resetAt()).isEqualTo(3000);
    }

    @Test
    void pendingFaultsAreConsumedInOrderOnlyByRequestsTheyFit() {
        SimulatorFaults faults = new SimulatorFaults(SimulatorProperties.of(Map.of()).faults(), Clock.systemUTC());
        faults.failNext(2, ResponseFault.serverError(500), RequestMatch.subject("ETHUSDT"));
        faults.failNext(1, ResponseFault.tooManyVisits());

        assertThat(faults.take(Api.BINANCE, "/api/v3/klines", "BTCUSDT")).isEmpty();
        assertThat(faults.take(Api.BYBIT, "/v5/market/kline", "BTCUSDT")).contains(ResponseFault.tooManyVisits());
        assertThat(faults.take(Api.BINANCE, "/api/v3/klines", "ethusdt")).contains(ResponseFault.serverError(500));
        assertThat(faults.take(Api.BYBIT, "/v5/market/kline", "ETHUSDT")).contains(ResponseFault.serverError(500));
        assertThat(faults.take(Api.BYBIT, "/v5/market/kline", "ETHUSDT")).isEmpty();
        assertThatThrownBy(() -> ResponseFault.serverError(404)).isInstanceOf(IllegalArgumentException.class);
    }
}
