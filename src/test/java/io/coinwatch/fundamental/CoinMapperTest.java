package io.coinwatch.fundamental;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.coinwatch.fundamental.CoinGeckoResponses.CoinListing;
import io.coinwatch.fundamental.CoinMapper.MappingPlan;

/** The decision rules on a hand-made coin list; the integration test runs them against the simulator. */
class CoinMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<CoinListing> COINS = List.of(
            new CoinListing("pepe", "pepe", "Pepe"),
            new CoinListing("pepe-on-sol", "pepe", "PEPE"),
            new CoinListing("1000pepe-junk", "1000pepe", "1000 Pepe"),
            new CoinListing("abc-one", "abc", "ABC One"),
            new CoinListing("abc-two", "abc", "ABC Two"),
            new CoinListing("solo", "xyz", "Xyz"),
            new CoinListing("bitcoin", "btc", "Bitcoin"));

    private final CoinMapper mapper = new CoinMapper(new FundamentalProperties(null,
            new FundamentalProperties.Mapping(Map.of("wxyz", "bitcoin"), null), null), Clock.systemUTC());

    @Test
    void theBestMarketCapRankWinsOverTheNameHeuristicAndAMultiplierIsKept() {
        AssetRef asset = new AssetRef("x", "1000PEPE");
        MappingPlan plan = mapper.plan(List.of(asset), COINS);
        // Both readings of the name are candidates: the coin "1000pepe" and "pepe" coins times 1000.
        assertThat(mapper.idsToRank(plan)).containsExactlyInAnyOrder("pepe", "pepe-on-sol", "1000pepe-junk");
        mapper.addRanks(plan, rows("[{\"id\":\"pepe-on-sol\",\"market_cap_rank\":900},{\"id\":\"pepe\",\"market_cap_rank\":30},"
                + "{\"id\":\"1000pepe-junk\",\"market_cap_rank\":null}]"));

        MappingDecision decision = mapper.decide(plan).get(0);
        assertThat(decision.coinId()).isEqualTo("pepe");
        assertThat(decision.multiplier()).isEqualTo(1000);
        assertThat(decision.method()).isEqualTo(MappingDecision.MARKET_CAP_RANK);
        assertThat(decision.detail()).contains("pepe (#30) ranks above").contains("pepe-on-sol (#900)")
                .contains("1000pepe-junk (unranked)").contains("one 1000PEPE is 1000 PEPE");
    }

    @Test
    void candidatesWithoutAnyRankAreNotGuessed() {
        AssetRef asset = new AssetRef("x", "ABC");
        MappingPlan plan = mapper.plan(List.of(asset), COINS);
        mapper.addRanks(plan, rows("[{\"id\":\"abc-one\",\"market_cap_rank\":null}]"));

        MappingDecision decision = mapper.decide(plan).get(0);
        assertThat(decision.mapped()).isFalse();
        assertThat(decision.method()).isEqualTo(MappingDecision.UNMAPPED);
        assertThat(decision.detail()).contains("2 coins have the symbol 'abc'").contains("none has a market-cap rank")
                .contains("coinwatch.fundamental.mapping.overrides.ABC");
    }

    @Test
    void aSingleCandidateNeedsNoRankAndNoCandidateIsUnmappedWithTheReason() {
        MappingPlan plan = mapper.plan(List.of(new AssetRef("x", "XYZ"), new AssetRef("x", "1000QQQ")), COINS);
        assertThat(mapper.idsToRank(plan)).isEmpty();

        List<MappingDecision> decisions = mapper.decide(plan);
        assertThat(decisions.get(0).coinId()).isEqualTo("solo");
        assertThat(decisions.get(0).method()).isEqualTo(MappingDecision.UNIQUE_SYMBOL);
        assertThat(decisions.get(1).mapped()).isFalse();
        assertThat(decisions.get(1).detail()).isEqualTo("no CoinGecko coin has the symbol '1000qqq' or 'qqq'");
    }

    @Test
    void anOverrideWinsInAnyCase() {
        MappingPlan plan = mapper.plan(List.of(new AssetRef("x", "WXYZ")), COINS);
        MappingDecision decision = mapper.decide(plan).get(0);
        assertThat(decision.coinId()).isEqualTo("bitcoin");
        assertThat(decision.method()).isEqualTo(MappingDecision.OVERRIDE);
        assertThat(decision.detail()).contains("coinwatch.fundamental.mapping.overrides.WXYZ");
    }

    private static List<JsonNode> rows(String json) {
        try {
            List<JsonNode> rows = new java.util.ArrayList<>();
            JSON.readTree(json).forEach(rows::add);
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
