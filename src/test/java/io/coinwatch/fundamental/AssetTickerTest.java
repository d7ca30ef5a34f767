package io.coinwatch.fundamental;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssetTickerTest {

    @Test
    void multipliersInFrontOrBehindTheTickerAreRead() {
        assertThat(AssetTicker.multiplied("1000PEPE")).contains(new AssetTicker("PEPE", 1000));
        assertThat(AssetTicker.multiplied("10000SATS")).contains(new AssetTicker("SATS", 10_000));
        assertThat(AssetTicker.multiplied("1000000MOG")).contains(new AssetTicker("MOG", 1_000_000));
        assertThat(AssetTicker.multiplied("SHIB1000")).contains(new AssetTicker("SHIB", 1000));
        assertThat(AssetTicker.multiplied("1000bonk")).contains(new AssetTicker("BONK", 1000));
    }

    @Test
    void tickersThatMerelyContainDigitsStayWhole() {
        assertThat(AssetTicker.multiplied("1INCH")).isEmpty();
        assertThat(AssetTicker.multiplied("BTC")).isEmpty();
        assertThat(AssetTicker.multiplied("C98")).isEmpty();
        assertThat(AssetTicker.multiplied("10X")).as("one zero is no multiplier").isEmpty();
        assertThat(AssetTicker.multiplied("1000")).as("nothing left after the multiplier").isEmpty();
    }
}
