package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.coinwatch.core.messaging.EventEnvelope;
import io.coinwatch.support.MutableClock;

/** The response cache keeps to its byte budget, expires answers after the TTL, and frees what market.updated drops. */
class ResponseCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T00:00:00Z"));
    private final ResponseCache cache = new ResponseCache(new GatewayProperties.Cache(true, Duration.ofSeconds(10), DataSize.ofBytes(1000)), clock);

    @Test
    void theCacheNeverHoldsMoreBytesThanItsBudgetAndAReplacedAnswerGivesItsBytesBack() {
        cache.put("a", "BTCUSDT", "application/json", new byte[600]);
        assertThat(cache.sizeInBytes()).isEqualTo(600);
        cache.put("b", "ETHUSDT", "application/json", new byte[600]);
        assertThat(cache.sizeInBytes()).as("one of the two had to go").isEqualTo(600);
        assertThat(cache.get("a") == null ^ cache.get("b") == null).isTrue();

        cache.put("c", "SOLUSDT", "application/json", new byte[1001]);
        assertThat(cache.get("c")).as("larger than the whole budget").isNull();

        cache.put("d", "XRPUSDT", "application/json", new byte[300]);
        cache.put("d", "XRPUSDT", "application/json", new byte[100]);
        assertThat(cache.sizeInBytes()).isLessThanOrEqualTo(1000);
        assertThat(cache.get("d").body()).hasSize(100);
    }

    @Test
    void anAnswerExpiresAfterTheTtl() {
        cache.put("a", "BTCUSDT", "application/json", new byte[100]);
        clock.advance(Duration.ofSeconds(9));
        assertThat(cache.get("a")).isNotNull();
        clock.advance(Duration.ofSeconds(2));
        assertThat(cache.get("a")).isNull();
        assertThat(cache.sizeInBytes()).isZero();
    }

    @Test
    void marketUpdatedDropsTheSymbolsAnswersAndTheirBytes() {
        cache.put("k1", "BTCUSDT", "application/json", new byte[100]);
        cache.put("k2", "BTCUSDT", "application/json", new byte[200]);
        cache.put("k3", "ETHUSDT", "application/json", new byte[300]);

        cache.onMarketUpdated(new EventEnvelope(UUID.randomUUID(), "market.updated", 1, "test", clock.instant(),
                JsonNodeFactory.instance.objectNode().put("symbol", "BTCUSDT")));

        assertThat(cache.get("k1")).isNull();
        assertThat(cache.get("k2")).isNull();
        assertThat(cache.get("k3")).isNotNull();
        assertThat(cache.sizeInBytes()).isEqualTo(300);
    }
}
