package io.coinwatch.simulator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bybit base coin split into the underlying coin and the multiplier exchanges put in front of (1000PEPE, 10000SATS,
 * 1000000MOG) or, less often, behind (SHIB1000) micro-priced coins so a contract is worth a readable amount.
 *
 * @param coin       the underlying coin's ticker, e.g. PEPE
 * @param multiplier coins per contract unit, 1 for plain base coins
 */
record BaseAsset(String coin, long multiplier) {

    private static final Pattern PREFIXED = Pattern.compile("(10+)([A-Z][A-Z0-9]*)");
    private static final Pattern SUFFIXED = Pattern.compile("([A-Z][A-Z0-9]*?)(10{2,})");

    static BaseAsset parse(String baseCoin) {
        String upper = baseCoin.toUpperCase(Locale.ROOT);
        Matcher prefixed = PREFIXED.matcher(upper);
        if (prefixed.matches()) {
            return new BaseAsset(prefixed.group(2), Long.parseLong(prefixed.group(1)));
        }
        Matcher suffixed = SUFFIXED.matcher(upper);
        if (suffixed.matches()) {
            return new BaseAsset(suffixed.group(1), Long.parseLong(suffixed.group(2)));
        }
        return new BaseAsset(upper, 1);
    }
}
