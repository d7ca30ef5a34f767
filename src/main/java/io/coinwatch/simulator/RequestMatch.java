package io.coinwatch.simulator;

/**
 * Which requests an injected {@link ResponseFault} hits: a path prefix and/or a subject (exchange symbol or CoinGecko
 * coin id, compared case-insensitively). A null part matches everything.
 */
public record RequestMatch(String pathPrefix, String subject) {

    public static RequestMatch any() {
        return new RequestMatch(null, null);
    }

    public static RequestMatch path(String pathPrefix) {
        return new RequestMatch(pathPrefix, null);
    }

    public static RequestMatch subject(String subject) {
        return new RequestMatch(null, subject);
    }

    boolean matches(String path, String requestSubject) {
        return (pathPrefix == null || path.startsWith(pathPrefix))
                && (subject == null || subject.equalsIgnoreCase(requestSubject));
    }
}
