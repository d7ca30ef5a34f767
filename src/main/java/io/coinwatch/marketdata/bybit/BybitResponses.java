package io.coinwatch.marketdata.bybit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import io.coinwatch.core.model.Candle;
import io.coinwatch.marketdata.KlinePage;
import io.coinwatch.marketdata.RejectedCandle;
import io.coinwatch.marketdata.exchange.ExchangeException;
import io.coinwatch.marketdata.exchange.ExchangeException.Kind;
import io.coinwatch.marketdata.exchange.ExchangeGuard;
import io.coinwatch.marketdata.exchange.ExchangeGuards;

import static io.coinwatch.marketdata.exchange.WireFormat.abbreviate;
import static io.coinwatch.marketdata.exchange.WireFormat.decimal;

/**
 * Reads Bybit v5 responses: classifies failures (403 ban, 429 and retCode 10006 rate limits, 5xx, malformed bodies,
 * retCode errors with Bybit's message) and turns the string arrays of /v5/market/kline and the items of
 * /v5/market/instruments-info into our types. Rows that cannot be parsed are rejected, not dropped silently.
 */
@Component("bybitResponses")
public class BybitResponses {

    static final String EXCHANGE = "bybit";
    private static final int RATE_LIMIT_RET_CODE = 10006;

    private final ObjectMapper mapper;
    private final ExchangeGuard guard;

    public BybitResponses(ObjectMapper mapper, ExchangeGuards guards) {
        this.mapper = mapper;
        this.guard = guards.of(EXCHANGE);
    }

    /** The result node of a successful call, or the classified failure. */
    public JsonNode result(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String body = message.getBody(String.class);
        guard.answered();
        if (status == 403) {
            guard.banned(null, "HTTP 403 " + abbreviate(body));
            throw new ExchangeException(EXCHANGE, Kind.BANNED, "HTTP 403 access too frequent; IP banned");
        }
        if (status == 429) {
            guard.rateLimited(resetTime(message), "HTTP 429");
            throw new ExchangeException(EXCHANGE, Kind.RATE_LIMITED, "HTTP 429 rate limited");
        }
        if (status >= 500) {
            guard.failed("HTTP " + status);
            throw new ExchangeException(EXCHANGE, Kind.SERVER_ERROR, "HTTP " + status);
        }
        if (status != 200) {
            throw new ExchangeException(EXCHANGE, Kind.API_ERROR, "HTTP " + status + " " + abbreviate(body));
        }
        JsonNode root;
        try {
            root = body == null ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            guard.failed("malformed response");
            throw new ExchangeException(EXCHANGE, Kind.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.has("retCode")) {
            throw new ExchangeException(EXCHANGE, Kind.MALFORMED, "response without retCode");
        }
        int retCode = root.path("retCode").asInt();
        String retMsg = root.path("retMsg").asText();
        if (retCode == RATE_LIMIT_RET_CODE) {
            guard.rateLimited(resetTime(message), "retCode 10006 " + retMsg);
            throw new ExchangeException(EXCHANGE, Kind.RATE_LIMITED, "retCode 10006 " + retMsg);
        }
        if (retCode != 0) {
            guard.failed("retCode " + retCode + " " + retMsg);
            throw new ExchangeException(EXCHANGE, Kind.API_ERROR, "retCode " + retCode + ": " + retMsg);
        }
        JsonNode result = root.path("result");
        if (!result.isObject()) {
            throw new ExchangeException(EXCHANGE, Kind.MALFORMED, "response without result");
        }
        return result;
    }

    /** The candles of a /v5/market/kline response (newest first on the wire), oldest first. */
    public KlinePage klines(JsonNode result) {
        JsonNode list = result.path("list");
        if (!list.isArray()) {
            throw new ExchangeException(EXCHANGE, Kind.MALFORMED, "kline result without list");
        }
        List<Candle> candles = new ArrayList<>(list.size());
        List<RejectedCandle> rejected = new ArrayList<>();
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonNode row = list.get(i);
            try {
                candles.add(candle(row));
            } catch (RuntimeException e) {
                rejected.add(new RejectedCandle(row.path(0).asLong(-1), row.toString(), "unparseable row: " + e.getMessage()));
            }
        }
        return new KlinePage(candles, rejected);
    }

    /** One page of /v5/market/instruments-info: the raw items and the cursor of the next page (null at the end). */
    public InstrumentsPage instruments(JsonNode result) {
        JsonNode list = result.path("list");
        if (!list.isArray()) {
            throw new ExchangeException(EXCHANGE, Kind.MALFORMED, "instruments result without list");
        }
        List<JsonNode> items = new ArrayList<>(list.size());
        list.forEach(items::add);
        String cursor = result.path("nextPageCursor").asText("");
        return new InstrumentsPage(items, cursor.isEmpty() ? null : cursor);
    }

    /** A page of instruments and where the next one starts. */
    public record InstrumentsPage(List<JsonNode> items, String nextCursor) {
    }

    private static Candle candle(JsonNode row) {
        if (!row.isArray() || row.size() < 7) {
            throw new IllegalArgumentException("expected 7 fields");
        }
        return new Candle(Long.parseLong(row.get(0).asText()), decimal(row, 1), decimal(row, 2), decimal(row, 3),
                decimal(row, 4), decimal(row, 5), decimal(row, 6));
    }

    private static Instant resetTime(Message message) {
        String reset = message.getHeader("X-Bapi-Limit-Reset-Timestamp", String.class);
        try {
            return reset == null ? null : Instant.ofEpochMilli(Long.parseLong(reset.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
