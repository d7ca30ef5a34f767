package io.coinwatch.core.source;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** What every exchange's response reader does alike. */
public final class WireFormat {

    private WireFormat() {
    }

    /** A field of a kline row, sent as a string so no digit is lost, as a decimal. */
    public static BigDecimal decimal(JsonNode row, int index) {
        return new BigDecimal(row.get(index).asText());
    }

    /** The start of a response body, enough for a log line or an error message. */
    public static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
    }
}
