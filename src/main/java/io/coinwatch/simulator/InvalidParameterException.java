package io.coinwatch.simulator;

/**
 * A query parameter the API refuses: missing, unparsable, out of range, or well-formed but not a value the API knows
 * (an unknown symbol, an interval it does not serve). Raised while reading a request and turned by each API into its
 * own error dialect (Bybit retCode 10001, Binance negative codes, CoinGecko {"error": ...}).
 */
final class InvalidParameterException extends RuntimeException {

    /** UNSUPPORTED: well-formed but unknown to the API; CONFLICT: contradicts another parameter. */
    enum Problem { MISSING, MALFORMED, OUT_OF_RANGE, UNSUPPORTED, CONFLICT }

    private final String parameter;
    private final Problem problem;

    InvalidParameterException(String parameter, Problem problem, String message) {
        super(message);
        this.parameter = parameter;
        this.problem = problem;
    }

    static InvalidParameterException unsupported(String parameter, String value) {
        return new InvalidParameterException(parameter, Problem.UNSUPPORTED, parameter + " not supported: " + value);
    }

    String parameter() {
        return parameter;
    }

    Problem problem() {
        return problem;
    }
}
