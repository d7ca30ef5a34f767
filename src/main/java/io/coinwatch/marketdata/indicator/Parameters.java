package io.coinwatch.marketdata.indicator;

import java.util.Map;
import java.util.regex.Pattern;

import static io.coinwatch.marketdata.indicator.InvalidIndicatorRequestException.INVALID_PARAMETER;

/**
 * Parameter values of an indicator: their valid ranges, checked wherever an indicator is built, and their parsing
 * from the raw query strings of the API.
 */
final class Parameters {

    static final int MIN_PERIOD = 2;
    static final int MAX_PERIOD = 500;

    /** ASCII digits only: Integer.parseInt would also take other scripts' digits. */
    private static final Pattern INTEGER = Pattern.compile("\\+?\\d{1,9}");
    /** Plain decimal notation: Double.parseDouble would also take "NaN", "Infinity", hex and a trailing "d". */
    private static final Pattern DECIMAL = Pattern.compile("\\+?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final Map<String, String> raw;

    /** @param raw the query parameters as received; names an indicator does not take are never read */
    Parameters(Map<String, String> raw) {
        this.raw = raw;
    }

    /** A window length (period, fast, slow, signal, slowk, slowd) or its default when absent. */
    int period(String name, int defaultValue) {
        String value = raw.get(name);
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.strip();
        int parsed = INTEGER.matcher(trimmed).matches() ? Integer.parseInt(trimmed) : -1;
        if (!isPeriod(parsed)) {
            throw invalidPeriod(name, value);
        }
        return parsed;
    }

    /** A positive multiplier (stddev) or its default when absent. */
    double positive(String name, double defaultValue) {
        String value = raw.get(name);
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.strip();
        double parsed = DECIMAL.matcher(trimmed).matches() ? Double.parseDouble(trimmed) : Double.NaN;
        if (!isPositive(parsed)) {
            throw invalidPositive(name, value);
        }
        return parsed;
    }

    static int requirePeriod(String name, int value) {
        if (!isPeriod(value)) {
            throw invalidPeriod(name, Integer.toString(value));
        }
        return value;
    }

    static double requirePositive(String name, double value) {
        if (!isPositive(value)) {
            throw invalidPositive(name, Double.toString(value));
        }
        return value;
    }

    private static boolean isPeriod(int value) {
        return value >= MIN_PERIOD && value <= MAX_PERIOD;
    }

    /** False for NaN too. */
    private static boolean isPositive(double value) {
        return value > 0 && value != Double.POSITIVE_INFINITY;
    }

    private static InvalidIndicatorRequestException invalidPeriod(String name, String value) {
        return new InvalidIndicatorRequestException(INVALID_PARAMETER, "Parameter '" + name
                + "' must be an integer from " + MIN_PERIOD + " to " + MAX_PERIOD + ", got '" + value + "'.");
    }

    private static InvalidIndicatorRequestException invalidPositive(String name, String value) {
        return new InvalidIndicatorRequestException(INVALID_PARAMETER, "Parameter '" + name
                + "' must be a number greater than 0, got '" + value + "'.");
    }
}
