package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.coinwatch.simulator.SimulatorHttp.FIXED_CLOCK;
import static io.coinwatch.simulator.SimulatorHttp.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class BybitInstrumentsInfoTest {

    private static final String INSTRUMENTS = "/v5/market/instruments-info?category=linear";
    /** BTCPERP, ETHPERP, two dated futures and two malformed items are Trading too; the PreLaunch one is not listed. */
    private static final int TRADING_EXTRAS = 6;

    @RegisterExtension
    static final RunningSimulator simulator = new RunningSimulator(Map.of());

    @Test
    void pagesThroughMoreThan500InstrumentsWithTheCursorUntilItIsEmpty() {
        List<String> symbols = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode result = simulator.json(INSTRUMENTS + (cursor == null ? "" : "&cursor=" + cursor)).get("result");
            result.get("list").forEach(item -> symbols.add(item.get("symbol").asText()));
            pageSizes.add(result.get("list").size());
            cursor = result.get("nextPageCursor").asText();
        } while (!cursor.isEmpty());

        assertThat(pageSizes).containsExactly(500, 600 + TRADING_EXTRAS - 500);
        assertThat(new HashSet<>(symbols)).hasSize(symbols.size());
        assertThat(symbols).isSorted().contains("BTCUSDT", "ETHUSDT", "SOLUSDT", "1000PEPEUSDT", "10000SATSUSDT",
                "1000000MOGUSDT", "SHIB1000USDT");
    }

    @Test
    void acceptsTheCursorEncodedOnceMore() {
        String cursor = simulator.json(INSTRUMENTS + "&limit=10").get("result").get("nextPageCursor").asText();
        assertThat(cursor).contains("%3D").contains("%26");

        JsonNode asSent = simulator.json(INSTRUMENTS + "&limit=10&cursor=" + cursor).get("result").get("list");
        JsonNode reEncoded = simulator.json(INSTRUMENTS + "&limit=10&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8)).get("result").get("list");

        assertThat(asSent).isEqualTo(reEncoded);
        assertThat(asSent.get(0).get("symbol").asText()).isGreaterThan(cursor.substring(cursor.lastIndexOf("%3D") + 3));
    }

    @Test
    void limitOf1000ReturnsEverythingOnOnePage() {
        JsonNode result = simulator.json(INSTRUMENTS + "&limit=1000").get("result");
        assertThat(result.get("list")).hasSize(600 + TRADING_EXTRAS);
        assertThat(result.get("nextPageCursor").asText()).isEmpty();
    }

    @Test
    void badParametersAnswerHttp200WithRetCode10001() {
        for (String query : List.of("&limit=0", "&limit=1001", "&limit=ten", "&status=Open", "&cursor=garbage")) {
            SimulatorHttp.Reply reply = simulator.get(INSTRUMENTS + query);
            assertThat(reply.status()).as(query).isEqualTo(200);
            assertThat(reply.json().get("retCode").asInt()).as(query).isEqualTo(10001);
        }
        assertThat(simulator.json("/v5/market/instruments-info").get("retCode").asInt()).isEqualTo(10001);
        JsonNode spot = simulator.json("/v5/market/instruments-info?category=spot");
        assertThat(spot.get("retMsg").asText()).isEqualTo("Illegal category");
        assertThat(spot.get("result").size()).isZero();
    }

    @Test
    void listsOnlyTradingByDefaultAndPreLaunchOnRequest() {
        JsonNode all = simulator.json(INSTRUMENTS + "&limit=1000").get("result").get("list");
        assertThat(all).allSatisfy(item -> assertThat(item.get("status").asText()).isEqualTo("Trading"));

        JsonNode preLaunch = simulator.json(INSTRUMENTS + "&status=PreLaunch").get("result").get("list");
        assertThat(preLaunch).hasSize(1);
        assertThat(preLaunch.get(0).get("launchTime").asLong()).isGreaterThan(NOW.toEpochMilli());
    }

    @Test
    void includesTheInstrumentsACollectorMustFilterOut() {
        Map<String, JsonNode> bySymbol = allInstruments();

        assertThat(bySymbol.get("BTCPERP").get("quoteCoin").asText()).isEqualTo("USDC");
        List<JsonNode> futures = bySymbol.values().stream()
                .filter(item -> item.get("contractType").asText().equals("LinearFutures")).toList();
        assertThat(futures).hasSize(2).allSatisfy(future -> {
            assertThat(future.get("symbol").asText()).contains("-");
            assertThat(future.get("deliveryTime").asLong()).isGreaterThan(NOW.toEpochMilli());
        });
        List<JsonNode> brokenLaunchTimes = bySymbol.values().stream()
                .filter(item -> !item.has("launchTime") || !item.get("launchTime").asText().matches("\\d+")).toList();
        assertThat(brokenLaunchTimes).hasSize(2);
        assertThat(bySymbol.get("1000PEPEUSDT").get("baseCoin").asText()).isEqualTo("1000PEPE");
        assertThat(bySymbol.get("1000000MOGUSDT").get("baseCoin").asText()).isEqualTo("1000000MOG");
    }

    @Test
    void writesNumbersAsStringsLikeBybit() {
        JsonNode btc = allInstruments().get("BTCUSDT");
        assertThat(btc.get("launchTime").isTextual()).isTrue();
        assertThat(btc.get("deliveryTime").asText()).isEqualTo("0");
        assertThat(btc.get("priceScale").asText()).isEqualTo("1");
        assertThat(btc.get("priceFilter").get("tickSize").asText()).isEqualTo("0.1");
        assertThat(btc.get("lotSizeFilter").get("qtyStep").asText()).isEqualTo("0.001");
        assertThat(btc.get("contractType").asText()).isEqualTo("LinearPerpetual");
    }

    @Test
    void mostSymbolsHaveTheFullHistoryAndSomeLaunchedRecently() {
        List<Long> launchTimes = allInstruments().values().stream()
                .filter(item -> item.has("launchTime") && item.get("launchTime").asText().matches("\\d+"))
                .map(item -> item.get("launchTime").asLong())
                .toList();
        long fullHistory = launchTimes.stream().mapToLong(Long::longValue).min().orElseThrow();
        long recent = launchTimes.stream().filter(t -> t > fullHistory).count();

        assertThat(fullHistory).isLessThanOrEqualTo(NOW.minus(Duration.ofDays(30)).toEpochMilli());
        assertThat(recent).isBetween(30L, 200L);
        assertThat(launchTimes).allSatisfy(t -> assertThat(t).isLessThan(NOW.toEpochMilli()));
    }

    @Test
    void delistedSymbolsLeaveTheListingsButKeepTheirKlines() {
        simulator.faults().delist("ETHUSDT");

        assertThat(allInstruments()).doesNotContainKey("ETHUSDT").containsKey("BTCUSDT");
        assertThat(simulator.json("/api/v3/exchangeInfo?symbol=BTCUSDT").get("symbols")).hasSize(1);
        assertThat(simulator.get("/api/v3/exchangeInfo?symbol=ETHUSDT").status()).isEqualTo(400);
        assertThat(simulator.json("/v5/market/kline?category=linear&symbol=ETHUSDT&interval=5").get("result").get("list"))
                .hasSize(200);

        simulator.faults().relist("ETHUSDT");
        assertThat(allInstruments()).containsKey("ETHUSDT");
    }

    @Test
    void reportsTheIpLimitInHeadersOnEveryResponse() {
        SimulatorHttp.Reply reply = simulator.get(INSTRUMENTS + "&limit=1");
        assertThat(reply.header("X-Bapi-Limit")).isEqualTo("600");
        assertThat(Integer.parseInt(reply.header("X-Bapi-Limit-Status"))).isBetween(0, 599);
        assertThat(Long.parseLong(reply.header("X-Bapi-Limit-Reset-Timestamp")))
                .isGreaterThan(System.currentTimeMillis() - 1000);
    }

    private static Map<String, JsonNode> allInstruments() {
        Map<String, JsonNode> bySymbol = new HashMap<>();
        StreamSupport.stream(simulator.json(INSTRUMENTS + "&limit=1000").get("result").get("list").spliterator(), false)
                .forEach(item -> bySymbol.put(item.get("symbol").asText(), item));
        return bySymbol;
    }
}
