package io.coinwatch.marketdata;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * coinwatch.exchanges.&lt;name&gt;.collect: which of an exchange's symbols are collected. {@code all} (the default), or
 * a map of {@code top-market-cap: N} (the N best CoinGecko market-cap ranks, through the coin mapping) or
 * {@code symbols: [...]}, either with {@code exclude: [...]}. Read from the Environment each time it is applied, so a
 * changed setting counts at the next discovery without a restart.
 *
 * @param topMarketCap null unless top-market-cap is set
 * @param symbols      empty unless an explicit list is set
 */
public record CollectionScope(String exchange, Integer topMarketCap, Set<String> symbols, Set<String> exclude) {

    /** One stored symbol as the decision sees it; rank and coinId are null when unknown or unmapped. */
    public record Candidate(String symbol, boolean active, String override, boolean enriched, String coinId,
                            Integer marketCapRank, String mappingDetail) {
    }

    public record Decision(boolean collected, String reason) {
    }

    /** What the settings are bound to when collect is a map. */
    record Settings(Integer topMarketCap, List<String> symbols, List<String> exclude) {
    }

    public static CollectionScope read(Environment environment, String exchange) {
        String key = "coinwatch.exchanges." + exchange + ".collect";
        Binder binder = Binder.get(environment);
        String scalar = binder.bind(key, String.class).orElse(null);
        if (scalar != null) {
            if (!scalar.trim().equalsIgnoreCase("all")) {
                throw new IllegalArgumentException(key + " must be 'all' or a map of top-market-cap, symbols and exclude, not '" + scalar + "'");
            }
            return new CollectionScope(exchange, null, Set.of(), Set.of());
        }
        Settings settings = binder.bind(key, Bindable.of(Settings.class)).orElse(new Settings(null, null, null));
        if (settings.topMarketCap() != null && settings.topMarketCap() <= 0) {
            throw new IllegalArgumentException(key + ".top-market-cap must be a positive number, not " + settings.topMarketCap());
        }
        if (settings.topMarketCap() != null && settings.symbols() != null && !settings.symbols().isEmpty()) {
            throw new IllegalArgumentException(key + ": choose top-market-cap or symbols, not both");
        }
        return new CollectionScope(exchange, settings.topMarketCap(), upper(settings.symbols()), upper(settings.exclude()));
    }

    private static Set<String> upper(List<String> names) {
        Set<String> set = new HashSet<>();
        if (names != null) {
            names.stream().map(n -> n.trim().toUpperCase(Locale.ROOT)).filter(n -> !n.isEmpty()).forEach(set::add);
        }
        return Set.copyOf(set);
    }

    /** Names in symbols or exclude that are none of the exchange's stored symbols: reported, never fatal. */
    public List<String> unknown(List<Candidate> candidates) {
        Set<String> known = new HashSet<>();
        candidates.forEach(c -> known.add(c.symbol()));
        return Stream.concat(symbols.stream(), exclude.stream()).filter(n -> !known.contains(n)).distinct().sorted().toList();
    }

    /** The decision for every candidate, by symbol. An operator's pin or drop wins over the scope. */
    public Map<String, Decision> decide(List<Candidate> candidates) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        String key = "coinwatch.exchanges." + exchange + ".collect";
        for (Candidate c : candidates) {
            if ("pinned".equals(c.override())) {
                decisions.put(c.symbol(), new Decision(true, "pinned by an operator"));
            } else if ("dropped".equals(c.override())) {
                decisions.put(c.symbol(), new Decision(false, "dropped by an operator"));
            } else if (exclude.contains(c.symbol())) {
                decisions.put(c.symbol(), new Decision(false, "excluded by " + key + ".exclude"));
            } else if (!symbols.isEmpty()) {
                decisions.put(c.symbol(), symbols.contains(c.symbol()) ? new Decision(true, "listed in " + key + ".symbols")
                        : new Decision(false, "not listed in " + key + ".symbols"));
            } else if (topMarketCap == null) {
                decisions.put(c.symbol(), new Decision(true, key + ": all"));
            }
        }
        if (topMarketCap != null) {
            decideTop(candidates.stream().filter(c -> !decisions.containsKey(c.symbol())).toList(), decisions);
        }
        return decisions;
    }

    /** The active symbols with the best ranks are in; every other one says why not. */
    private void decideTop(List<Candidate> open, Map<String, Decision> decisions) {
        List<Candidate> ranked = open.stream().filter(c -> c.active() && c.coinId() != null && c.marketCapRank() != null)
                .sorted(Comparator.comparing(Candidate::marketCapRank).thenComparing(Candidate::symbol)).toList();
        for (int i = 0; i < ranked.size(); i++) {
            Candidate c = ranked.get(i);
            decisions.put(c.symbol(), new Decision(i < topMarketCap, "market-cap rank #" + c.marketCapRank()
                    + (i < topMarketCap ? " is" : " is not") + " within top-market-cap " + topMarketCap));
        }
        for (Candidate c : open) {
            if (decisions.containsKey(c.symbol())) {
                continue;
            }
            String why;
            if (!c.active()) {
                why = "delisted";
            } else if (!c.enriched()) {
                why = "no coin mapping known yet (fundamental data has not enriched it): left out of top-market-cap";
            } else if (c.coinId() == null) {
                why = "no coin mapping: left out of top-market-cap" + (c.mappingDetail() == null ? "" : " (" + c.mappingDetail() + ")");
            } else {
                why = "coin " + c.coinId() + " has no market-cap rank: left out of top-market-cap";
            }
            decisions.put(c.symbol(), new Decision(false, why));
        }
    }
}
