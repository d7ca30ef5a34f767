package io.coinwatch.simulator;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the configured seed, so any candle or coin can be generated
 * on its own without replaying everything generated before it.
 */
final class Seeds {

    private Seeds() {
    }

    /** SplitMix64's finaliser over both inputs: nearby inputs give unrelated outputs. */
    static long mix(long a, long b) {
        return finalise(finalise(a) ^ (b + 0x9E3779B97F4A7C15L));
    }

    static long mix(long seed, String name) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            hash = (hash ^ name.charAt(i)) * 0x100000001b3L;
        }
        return mix(seed, hash);
    }

    static SplittableRandom random(long seed, long stream) {
        return new SplittableRandom(mix(seed, stream));
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
