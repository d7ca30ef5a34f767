package io.coinwatch.marketdata.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.coinwatch.core.model.Candle;
import io.coinwatch.core.source.SourceException;
import io.coinwatch.core.source.SourceException.Kind;
import io.coinwatch.core.source.SourceGuard;
import io.coinwatch.core.source.SourceGuards;
import io.coinwatch.core.source.SourceProperties;
import io.coinwatch.marketdata.KlinePage;
import io.coinwatch.marketdata.ListedInstrument;
import io.coinwatch.support.MutableClock;

/** How Binance's answers are classified (and told to the guard) and read, without a server. */
class BinanceResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:30Z");

    private final Clock clock = new MutableClock(NOW);
    private final SourceGuards guards = new SourceGuards(new SourceProperties(Map.of("binance",
            new SourceProperties.Source("http://binance.invalid", 3000, Duration.ofMinutes(1), Duration.ofMinutes(2), 6000)), Map.of()),
            clock);
    private final BinanceResponses responses = new BinanceResponses(JSON, guards, clock);
    private final SourceGuard guard = guards.of("binance");

    @Test
    void a418IsABanForAsLongAsRetryAfterSays() {
        Exchange answer = answer(418, "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1.\"}",
                "Retry-After", "120");

        assertFailure(answer, Kind.BANNED);
        assertThat(guard.state().bannedUntil()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void a429PausesUntilRetryAfter() {
        assertFailure(answer(429, "{\"code\":-1003,\"msg\":\"Too many requests\"}", "Retry-After", "7"), Kind.RATE_LIMITED);

        assertThat(guard.state().bannedUntil()).isNull();
        assertThat(guard.state().pausedUntil()).isEqualTo(NOW.plusSeconds(7));
    }

    @Test
    void codeMinus1003IsARateLimitWhateverTheStatus() {
        assertFailure(answer(400, "{\"code\":-1003,\"msg\":\"Too much request weight used\"}"), Kind.RATE_LIMITED);
        assertThat(guard.state().pausedUntil()).isNotNull();
    }

    @Test
    void binanceErrorsKeepTheirCodeAndMessage() {
        SourceException unknown = assertFailure(answer(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"), Kind.UNKNOWN_SYMBOL);
        assertThat(unknown.retryable()).isFalse();
        assertThat(unknown.getMessage()).contains("-1121", "Invalid symbol.");

        SourceException other = assertFailure(answer(400, "{\"code\":-1130,\"msg\":\"Data sent for parameter 'limit' is not valid.\"}"),
                Kind.API_ERROR);
        assertThat(other.retryable()).isFalse();
        assertThat(guard.state().lastError()).contains("-1130");
    }

    @Test
    void serverErrorsAndMalformedBodiesAreRetryable() {
        assertThat(assertFailure(answer(503, "Server Error 503"), Kind.SERVER_ERROR).retryable()).isTrue();
        assertThat(assertFailure(answer(200, "[[1700000000000,\"1.0\",\"2.0\""), Kind.MALFORMED).retryable()).isTrue();
    }

    @Test
    void usageNearTheIpLimitPausesUntilTheNextMinute() {
        Exchange quiet = answer(200, "[]", "X-MBX-USED-WEIGHT-1M", "120");
        assertThat(responses.result(quiet, "binance").isArray()).isTrue();
        assertThat(guard.state().pausedUntil()).isNull();

        responses.result(answer(200, "[]", "X-MBX-USED-WEIGHT-1M", "5500"), "binance");

        assertThat(guard.state().pausedUntil()).as("the start of the next minute").isEqualTo(Instant.parse("2026-03-01T12:01:00Z"));
    }

    @Test
    void klineRowsAreOldestFirstWithTheQuoteVolumeAsTurnover() throws Exception {
        JsonNode rows = JSON.readTree("""
                [[1700000000000,"100.1","101.2","99.3","100.4","12.5",1700000299999,"1255.75",42,"6.1","612.3","0"],
                 [1700000300000,"100.4","oops","99.0","100.0","3.0",1700000599999,"300.0",7,"1.0","100.0","0"],
                 [1700000600000,"100.0","100.5","99.5","100.2","4.0",1700000899999,"400.1",9,"2.0","200.0","0"]]""");

        KlinePage page = responses.klines(rows, "binance");

        assertThat(page.candles()).extracting(Candle::openTime).containsExactly(1700000000000L, 1700000600000L);
        Candle first = page.candles().get(0);
        assertThat(List.of(first.open(), first.high(), first.low(), first.close(), first.volume(), first.turnover()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100.1"), new BigDecimal("101.2"), new BigDecimal("99.3"), new BigDecimal("100.4"),
                        new BigDecimal("12.5"), new BigDecimal("1255.75"));
        assertThat(page.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).startsWith("unparseable row"));
        assertThat(responses.firstOpenTime(rows, "binance")).isEqualTo(1700000000000L);
        assertThat(responses.firstOpenTime(JSON.readTree("[]"), "binance")).isNull();
    }

    @Test
    void theListingIsTheTradingUsdtPairsWithoutALaunchTime() throws Exception {
        JsonNode info = JSON.readTree("""
                {"symbols":[
                  {"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT"},
                  {"symbol":"ETHBTC","status":"TRADING","baseAsset":"ETH","quoteAsset":"BTC"},
                  {"symbol":"LUNAUSDT","status":"BREAK","baseAsset":"LUNA","quoteAsset":"USDT"},
                  {"symbol":"bad-pair","status":"TRADING","baseAsset":"BAD","quoteAsset":"USDT"}]}""");

        assertThat(responses.listing(info, "binance").nextPageParams()).as("one page").isNull();
        assertThat(responses.listing(info, "binance").instruments())
                .containsExactly(new ListedInstrument("BTCUSDT", "BTC", "USDT", "Spot", "Trading", null));
        assertThatThrownBy(() -> responses.listing(JSON.readTree("{\"timezone\":\"UTC\"}"), "binance"))
                .isInstanceOf(SourceException.class).hasMessageContaining("without symbols");
    }

    private SourceException assertFailure(Exchange answer, Kind kind) {
        Throwable thrown = catchThrowable(() -> responses.result(answer, "binance"));
        assertThat(thrown).isInstanceOf(SourceException.class);
        SourceException failure = (SourceException) thrown;
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.source()).isEqualTo("binance");
        return failure;
    }

    private static Exchange answer(int status, String body, String... headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getMessage().setHeader(headers[i], headers[i + 1]);
        }
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
