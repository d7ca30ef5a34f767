package io.coinwatch.fundamental;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coin behind an exchange base asset that carries a multiplier: exchanges quote micro-priced coins per 1000 (or
 * 10000, 1000000) of them and write it in front of the ticker (1000PEPE, 10000SATS, 1000000MOG) or, less often,
 * behind it (SHIB1000). Only a 1 followed by at least two zeros counts, so tickers such as 1INCH stay whole.
 *
 * @param ticker     the coin's own ticker, e.g. PEPE
 * @param multiplier coins per exchange unit, e.g. 1000
 */
public record AssetTicker(String ticker, long multiplier) {

    private static final Pattern MULTIPLIED = Pattern.compile("(?<before>10{2,})(?<coin>[A-Z][A-Z0-9]*)|(?<coin2>[A-Z][A-Z0-9]*?)(?<after>10{2,})");

    /** The coin and multiplier the asset's name spells, or empty when it carries no multiplier. */
    public static Optional<AssetTicker> multiplied(String baseAsset) {
        Matcher m = MULTIPLIED.matcher(baseAsset.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return m.group("before") != null
                ? Optional.of(new AssetTicker(m.group("coin"), Long.parseLong(m.group("before"))))
                : Optional.of(new AssetTicker(m.group("coin2"), Long.parseLong(m.group("after"))));
    }
}
