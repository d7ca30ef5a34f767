package io.coinwatch.fundamental;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.CoinGeckoResponses.CoinListing;

/**
 * Decides which CoinGecko coin an exchange base asset is, in three steps the coin-mapping route drives:
 * {@link #plan} finds the candidates (coins whose symbol is the asset's, or its ticker without a multiplier),
 * {@link #idsToRank} / {@link #addRanks} fetch the market-cap rank of every candidate of an ambiguous asset, and
 * {@link #decide} picks: a configured override first; else the only candidate; else the candidate with the best
 * market-cap rank. An asset without candidates, or whose candidates are all unranked, is left unmapped with the
 * reason, never guessed (the original guessed by the length of names and ids).
 */
@Component("coinMapper")
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class CoinMapper {

    /** A coin an asset may be, and how many of it one exchange unit holds if it is. */
    record Candidate(String coinId, String symbol, long multiplier) {
    }

    /** The candidates of each asset, and the ranks fetched for them. */
    public static final class MappingPlan {
        private final Map<AssetRef, List<Candidate>> candidates = new LinkedHashMap<>();
        private final Map<AssetRef, String> overrides = new HashMap<>();
        private final Map<String, CoinListing> coinsById;
        private final Map<String, Integer> ranks = new HashMap<>();

        private MappingPlan(Map<String, CoinListing> coinsById) {
            this.coinsById = coinsById;
        }

        /** Candidate ids whose rank decides between them. */
        Set<String> idsToRank() {
            Set<String> ids = new LinkedHashSet<>();
            candidates.forEach((asset, list) -> {
                if (!overrides.containsKey(asset) && list.size() > 1) {
                    list.forEach(c -> ids.add(c.coinId()));
                }
            });
            return ids;
        }
    }

    private record CachedList(List<CoinListing> coins, Instant fetchedAt) {
    }

    private final Map<String, String> overrides;
    private final Duration listMaxAge;
    private final Clock clock;
    private volatile CachedList cachedList;

    public CoinMapper(FundamentalProperties properties, Clock clock) {
        this.clock = clock;
        this.overrides = properties.mapping().overrides();
        this.listMaxAge = properties.mapping().listMaxAge();
    }

    /** The /coins/list fetched within the last list-max-age, or null: it changes slowly and costs a call. */
    public List<CoinListing> cachedList() {
        CachedList cached = cachedList;
        return cached != null && cached.fetchedAt().plus(listMaxAge).isAfter(clock.instant()) ? cached.coins() : null;
    }

    public List<CoinListing> remember(List<CoinListing> coins) {
        cachedList = new CachedList(List.copyOf(coins), clock.instant());
        return coins;
    }

    public MappingPlan plan(List<AssetRef> assets, List<CoinListing> coins) {
        Map<String, CoinListing> byId = new HashMap<>();
        Map<String, List<CoinListing>> bySymbol = new HashMap<>();
        for (CoinListing coin : coins) {
            byId.put(coin.id(), coin);
            bySymbol.computeIfAbsent(coin.symbol().toLowerCase(Locale.ROOT), s -> new ArrayList<>()).add(coin);
        }
        MappingPlan plan = new MappingPlan(byId);
        for (AssetRef asset : assets) {
            String override = overrides.get(asset.baseAsset().toUpperCase(Locale.ROOT));
            if (override != null) {
                plan.overrides.put(asset, override);
            }
            List<Candidate> candidates = new ArrayList<>();
            bySymbol.getOrDefault(asset.baseAsset().toLowerCase(Locale.ROOT), List.of())
                    .forEach(c -> candidates.add(new Candidate(c.id(), c.symbol(), 1)));
            AssetTicker.multiplied(asset.baseAsset()).ifPresent(t -> bySymbol.getOrDefault(t.ticker().toLowerCase(Locale.ROOT), List.of())
                    .forEach(c -> candidates.add(new Candidate(c.id(), c.symbol(), t.multiplier()))));
            plan.candidates.put(asset, candidates);
        }
        return plan;
    }

    /** The candidate ids whose market-cap rank decides between them. */
    public List<String> idsToRank(MappingPlan plan) {
        return List.copyOf(plan.idsToRank());
    }

    public void addRanks(MappingPlan plan, List<JsonNode> marketRows) {
        for (JsonNode row : marketRows) {
            JsonNode rank = row.path("market_cap_rank");
            if (rank.isNumber()) {
                plan.ranks.put(row.path("id").asText(), rank.asInt());
            }
        }
    }

    public List<MappingDecision> decide(MappingPlan plan) {
        List<MappingDecision> decisions = new ArrayList<>(plan.candidates.size());
        plan.candidates.forEach((asset, candidates) -> decisions.add(plan.overrides.containsKey(asset)
                ? byOverride(plan, asset, plan.overrides.get(asset))
                : byCandidates(plan, asset, candidates)));
        return decisions;
    }

    private static MappingDecision byOverride(MappingPlan plan, AssetRef asset, String coinId) {
        String key = "coinwatch.fundamental.mapping.overrides." + asset.baseAsset().toUpperCase(Locale.ROOT);
        CoinListing coin = plan.coinsById.get(coinId);
        if (coin == null) {
            return MappingDecision.unmapped(asset, "override '" + coinId + "' (" + key + ") is not a CoinGecko coin id");
        }
        // The multiplier the name spells applies when the override names the coin the name spells.
        long multiplier = AssetTicker.multiplied(asset.baseAsset())
                .filter(t -> t.ticker().equalsIgnoreCase(coin.symbol()))
                .map(AssetTicker::multiplier).orElse(1L);
        return new MappingDecision(asset, coinId, multiplier, MappingDecision.OVERRIDE, "set by " + key + unit(asset, multiplier, coin.symbol()));
    }

    private static MappingDecision byCandidates(MappingPlan plan, AssetRef asset, List<Candidate> candidates) {
        String symbols = candidates.stream().map(Candidate::symbol).distinct().map(s -> "'" + s + "'").collect(Collectors.joining(" or "));
        if (candidates.isEmpty()) {
            String tried = "'" + asset.baseAsset().toLowerCase(Locale.ROOT) + "'" + AssetTicker.multiplied(asset.baseAsset())
                    .map(t -> " or '" + t.ticker().toLowerCase(Locale.ROOT) + "'").orElse("");
            return MappingDecision.unmapped(asset, "no CoinGecko coin has the symbol " + tried);
        }
        if (candidates.size() == 1) {
            Candidate only = candidates.get(0);
            return new MappingDecision(asset, only.coinId(), only.multiplier(), MappingDecision.UNIQUE_SYMBOL,
                    "the only CoinGecko coin with the symbol " + symbols + unit(asset, only.multiplier(), only.symbol()));
        }
        List<Candidate> ranked = candidates.stream().filter(c -> plan.ranks.containsKey(c.coinId()))
                .sorted(Comparator.comparing((Candidate c) -> plan.ranks.get(c.coinId())).thenComparing(Candidate::coinId))
                .toList();
        if (ranked.isEmpty()) {
            return MappingDecision.unmapped(asset, candidates.size() + " coins have the symbol " + symbols
                    + " and none has a market-cap rank (" + list(plan, candidates) + "); set coinwatch.fundamental.mapping.overrides."
                    + asset.baseAsset().toUpperCase(Locale.ROOT));
        }
        Candidate best = ranked.get(0);
        List<Candidate> others = candidates.stream().filter(c -> c != best)
                .sorted(Comparator.comparing((Candidate c) -> plan.ranks.getOrDefault(c.coinId(), Integer.MAX_VALUE))
                        .thenComparing(Candidate::coinId))
                .toList();
        return new MappingDecision(asset, best.coinId(), best.multiplier(), MappingDecision.MARKET_CAP_RANK,
                candidates.size() + " coins have the symbol " + symbols + ": " + describe(plan, best) + " ranks above "
                        + list(plan, others) + unit(asset, best.multiplier(), best.symbol()));
    }

    private static String list(MappingPlan plan, List<Candidate> candidates) {
        String shown = candidates.stream().limit(5).map(c -> describe(plan, c)).collect(Collectors.joining(", "));
        return candidates.size() > 5 ? shown + " and " + (candidates.size() - 5) + " more" : shown;
    }

    private static String describe(MappingPlan plan, Candidate c) {
        Integer rank = plan.ranks.get(c.coinId());
        return c.coinId() + (rank == null ? " (unranked)" : " (#" + rank + ")");
    }

    private static String unit(AssetRef asset, long multiplier, String coinSymbol) {
        return multiplier == 1 ? "" : "; one " + asset.baseAsset() + " is " + multiplier + " " + coinSymbol.toUpperCase(Locale.ROOT);
    }
}
