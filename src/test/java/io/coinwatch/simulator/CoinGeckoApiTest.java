package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static io.coinwatch.simulator.SimulatorHttp.FIXED_CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

class CoinGeckoApiTest {

    private static final String MARKETS = "/api/v3/coins/markets?vs_currency=usd";

    @RegisterExtension
    static final RunningSimulator simulator = new RunningSimulator(Map.of());

    @Test
    void everyExchangeBaseAssetHasACoinWithItsMultiplierStripped() {
        JsonNode coins = simulator.json("/api/v3/coins/list");
        Set<String> symbols = new HashSet<>(coins.findValuesAsText("symbol"));
        JsonNode instruments = simulator.json("/v5/market/instruments-info?category=linear&limit=1000").get("result").get("list");
        for (JsonNode instrument : instruments) {
            String coin = BaseAsset.parse(instrument.get("baseCoin").asText()).coin().toLowerCase(Locale.ROOT);
            assertThat(symbols).as(instrument.get("symbol").asText()).contains(coin);
        }
        assertThat(symbols).contains("pepe", "sats", "mog", "shib", "usdt", "xmr").doesNotContain("1000pepe");
        assertThat(coins.findValuesAsText("id")).isSorted().contains("bitcoin", "pepe", "shiba-inu");
        assertThat(coins.get(0).has("platforms")).isFalse();
    }

    @Test
    void symbolsCollideSoCoinsMustBeMappedById() {
        JsonNode coins = simulator.json("/api/v3/coins/list");
        List<String> pepeIds = idsWithSymbol(coins, "pepe");
        assertThat(pepeIds).hasSizeGreaterThanOrEqualTo(3).contains("pepe");
        assertThat(idsWithSymbol(coins, "sol")).hasSizeGreaterThanOrEqualTo(3).contains("solana");

        JsonNode markets = simulator.json(MARKETS + "&ids=" + String.join(",", pepeIds));
        assertThat(markets).hasSize(pepeIds.size());
        assertThat(markets.get(0).get("id").asText()).as("the real Pepe ranks highest").isEqualTo("pepe");
        assertThat(markets.findValues("market_cap_rank")).anySatisfy(rank -> assertThat(rank.isNull()).isTrue());
    }

    @Test
    void includePlatformAddsContractAddresses() {
        Map<String, JsonNode> byId = byId(simulator.json("/api/v3/coins/list?include_platform=true"));
        assertThat(byId.get("pepe").get("platforms").get("ethereum").asText()).matches("0x[0-9a-f]{40}");
        assertThat(byId.get("bitcoin").get("platforms").size()).isZero();
    }

    @Test
    void coinDetailsCarryTheMetadataFields() {
        JsonNode bitcoin = simulator.json("/api/v3/coins/bitcoin");
        for (String field : List.of("id", "symbol", "name", "web_slug", "asset_platform_id", "platforms",
                "detail_platforms", "block_time_in_minutes", "hashing_algorithm", "categories", "description", "links",
                "image", "genesis_date", "sentiment_votes_up_percentage", "market_cap_rank", "last_updated")) {
            assertThat(bitcoin.has(field)).as(field).isTrue();
        }
        assertThat(bitcoin.get("market_cap_rank").asInt()).isEqualTo(1);
        assertThat(bitcoin.get("asset_platform_id").isNull()).isTrue();
        assertThat(bitcoin.get("description").get("en").asText()).isNotBlank();
        assertThat(bitcoin.get("image").get("large").asText()).startsWith("https://");
        assertThat(bitcoin.get("links").get("repos_url").has("github")).isTrue();
        assertThat(bitcoin.get("last_updated").asText()).isEqualTo("2025-06-02T12:02:30.000Z");

        JsonNode pepe = simulator.json("/api/v3/coins/pepe");
        assertThat(pepe.get("asset_platform_id").asText()).isEqualTo("ethereum");
        assertThat(pepe.get("detail_platforms").get("ethereum").get("decimal_place").asInt()).isEqualTo(18);

        List<Boolean> hasSubreddit = new ArrayList<>();
        for (String id : List.of("bitcoin", "ethereum", "solana", "ripple", "dogecoin", "cardano", "pepe", "tether")) {
            hasSubreddit.add(!simulator.json("/api/v3/coins/" + id).get("links").get("subreddit_url").isNull());
        }
        assertThat(hasSubreddit).contains(true, false);
    }

    @Test
    void unknownCoinsAre404() {
        SimulatorHttp.Reply reply = simulator.get("/api/v3/coins/no-such-coin");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").asText()).isEqualTo("coin not found");
    }

    @Test
    void marketsPageThroughAllCoinsByMarketCap() {
        int coinCount = simulator.json("/api/v3/coins/list").size();
        List<JsonNode> rows = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode batch = simulator.json(MARKETS + "&per_page=250&page=" + page);
            if (batch.isEmpty()) {
                break;
            }
            pageSizes.add(batch.size());
            batch.forEach(rows::add);
        }
        assertThat(pageSizes.subList(0, pageSizes.size() - 1)).containsOnly(250);
        assertThat(rows).hasSize(coinCount);
        assertThat(rows.stream().map(row -> row.get("id").asText()).distinct()).hasSize(coinCount);
        assertThat(rows.get(0).get("id").asText()).isEqualTo("bitcoin");

        List<Integer> ranks = rows.stream().filter(row -> !row.get("market_cap_rank").isNull())
                .map(row -> row.get("market_cap_rank").asInt()).toList();
        assertThat(ranks).isSorted().startsWith(1, 2, 3);
        assertThat(rows.get(rows.size() - 1).get("market_cap_rank").isNull()).as("unranked come last").isTrue();
        assertThat(rows).anySatisfy(row -> assertThat(row.get("price_change_percentage_24h").asDouble()).isNegative());
        assertThat(rows).anySatisfy(row -> assertThat(row.get("max_supply").isNull()).isTrue());
        assertThat(rows).anySatisfy(row -> assertThat(row.get("roi").isObject()).isTrue());
    }

    @Test
    void marketRowsCarryTheDocumentedFields() {
        JsonNode row = simulator.json(MARKETS + "&ids=ethereum&price_change_percentage=1h,7d").get(0);
        for (String field : List.of("id", "symbol", "name", "image", "current_price", "market_cap", "market_cap_rank",
                "fully_diluted_valuation", "total_volume", "high_24h", "low_24h", "price_change_24h",
                "price_change_percentage_24h", "market_cap_change_24h", "market_cap_change_percentage_24h",
                "circulating_supply", "total_supply", "max_supply", "ath", "ath_change_percentage", "ath_date", "atl",
                "atl_change_percentage", "atl_date", "roi", "last_updated",
                "price_change_percentage_1h_in_currency", "price_change_percentage_7d_in_currency")) {
            assertThat(row.has(field)).as(field).isTrue();
        }
        assertThat(row.get("current_price").asDouble()).isBetween(row.get("low_24h").asDouble(), row.get("high_24h").asDouble());
        assertThat(row.get("ath_change_percentage").asDouble()).isNegative();
        assertThat(row.get("ath_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(simulator.json(MARKETS + "&ids=pepe").get(0).get("current_price").asDouble()).isLessThan(0.001);
    }

    @Test
    void marketsValidateTheirParameters() {
        assertThat(simulator.get("/api/v3/coins/markets").status()).isEqualTo(400);
        assertThat(simulator.get("/api/v3/coins/markets?vs_currency=xyz").status()).isEqualTo(400);
        assertThat(simulator.get(MARKETS + "&per_page=251").status()).isEqualTo(400);
        assertThat(simulator.get(MARKETS + "&per_page=0").status()).isEqualTo(400);
        assertThat(simulator.get(MARKETS + "&order=random").status()).isEqualTo(400);
        assertThat(simulator.json(MARKETS + "&order=id_asc&per_page=5").findValuesAsText("id")).isSorted();
        assertThat(simulator.json(MARKETS + "&per_page=7")).hasSize(7);
        assertThat(simulator.json(MARKETS)).as("default per_page").hasSize(100);
    }

    private static List<String> idsWithSymbol(JsonNode coins, String symbol) {
        return StreamSupport.stream(coins.spliterator(), false)
                .filter(coin -> coin.get("symbol").asText().equals(symbol))
                .map(coin -> coin.get("id").asText())
                .toList();
    }

    private static Map<String, JsonNode> byId(JsonNode coins) {
        Map<String, JsonNode> byId = new HashMap<>();
        coins.forEach(coin -> byId.put(coin.get("id").asText(), coin));
        return byId;
    }
}
