package io.coinwatch.marketdata.indicator;

/**
 * A request the API must answer with 400: the message says what was wrong and lists the valid choices, the code is
 * the machine-readable "error.code" of the gateway's error body.
 */
public final class InvalidIndicatorRequestException extends IllegalArgumentException {

    public static final String UNKNOWN_INDICATOR = "unknown_indicator";
    public static final String INVALID_PARAMETER = "invalid_parameter";

    private static final long serialVersionUID = 1L;

    private final String code;

    InvalidIndicatorRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
