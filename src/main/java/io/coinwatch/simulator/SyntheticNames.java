package io.coinwatch.simulator;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** Pronounceable, unique, reproducible ticker names (KAVO, ZURIMA, ...) for generated coins. */
final class SyntheticNames {

    private static final String[] SYLLABLES = {
            "BA", "KO", "RU", "MI", "TE", "LO", "VA", "NE", "PI", "SU", "DA", "FO", "GI", "HU", "ZE",
            "XO", "QI", "WE", "YU", "CA", "NO", "RI", "TA", "MU", "SE", "JO", "LI", "VE", "ZU", "KA"};

    private final SplittableRandom random;
    private final Set<String> taken;

    /** @param taken names never to produce, e.g. the real tickers of {@link WellKnownAssets} */
    SyntheticNames(long seed, Set<String> taken) {
        this.random = new SplittableRandom(seed);
        this.taken = new HashSet<>(taken);
    }

    String next() {
        while (true) {
            StringBuilder name = new StringBuilder();
            int syllables = 2 + random.nextInt(2);
            for (int i = 0; i < syllables; i++) {
                name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            String candidate = name.toString().toUpperCase(Locale.ROOT);
            if (taken.add(candidate)) {
                return candidate;
            }
        }
    }
}
