package io.coinwatch.core.api;

/** Parses query and path parameters, turning every malformed value into a 400 of the error contract. */
public final class ApiParams {

    private ApiParams() {
    }

    public static Long optionalLong(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_" + name, name + " must be an integer, got '" + abbreviate(value) + "'");
        }
    }

    public static long longParam(String value, String name) {
        Long parsed = optionalLong(value, name);
        if (parsed == null) {
            throw ApiException.badRequest("missing_" + name, name + " is required");
        }
        return parsed;
    }

    public static int intInRange(String value, String name, int defaultValue, int min, int max) {
        Long parsed = optionalLong(value, name);
        if (parsed == null) {
            return defaultValue;
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest("invalid_" + name, name + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed.intValue();
    }

    /** Keeps echoed input short, so a huge parameter does not come back as a huge error. */
    public static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
