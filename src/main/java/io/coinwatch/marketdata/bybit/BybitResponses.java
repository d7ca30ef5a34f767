package io.coinwatch.marketdata.bybit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import io.coinwatch.core.model.Candle;
import io.coinwatch.core.source.HttpAnswers;
import io.coinwatch.core.source.SourceException;
import io.coinwatch.core.source.SourceException.Kind;
import io.coinwatch.core.source.SourceGuard;
import io.coinwatch.core.source.SourceGuards;
import io.coinwatch.core.source.UnknownSymbolException;
import io.coinwatch.marketdata.ExchangeWireFormat;
import io.coinwatch.marketdata.KlinePage;
import io.coinwatch.marketdata.RejectedCandle;

import static io.coinwatch.core.source.WireFormat.decimal;

/**
 * The Bybit v5 wire format (routes/bybit.yaml): classifies failures (403 ban, 429 and retCode 10006 rate limits, 5xx,
 * malformed bodies, retCode errors with Bybit's message, 10001 "Not supported symbols" as an unknown symbol) and turns
 * the string arrays of /v5/market/kline and the pages of /v5/market/instruments-info into our types. Rows that cannot
 * be parsed are rejected, not dropped silently.
 */
@Component("bybitResponses")
public class BybitResponses implements ExchangeWireFormat {

    private static final int RATE_LIMIT_RET_CODE = 10006;
    /** A parameter error; with this message, the symbol is one Bybit does not list (delisted since discovery). */
    private static final int PARAMS_ERROR = 10001;
    private static final String UNKNOWN_SYMBOL_MESSAGE = "Not supported symbols";

    private final ObjectReader reader;
    private final SourceGuards guards;
    private final Clock clock;

    public BybitResponses(ObjectMapper mapper, SourceGuards guards, Clock clock) {
        this.reader = mapper.reader();
        this.guards = guards;
        this.clock = clock;
    }

    /** The result node of a successful call, or the classified failure. */
    @Override
    public JsonNode result(Exchange answer, String exchange) {
        SourceGuard guard = guards.of(exchange);
        Message message = answer.getMessage();
        JsonNode root = HttpAnswers.json(guard, reader, HttpAnswers.okBody(guard, message, clock));
        if (!root.has("retCode")) {
            throw new SourceException(exchange, Kind.MALFORMED, "response without retCode");
        }
        int retCode = root.path("retCode").asInt();
        String retMsg = root.path("retMsg").asText();
        if (retCode == RATE_LIMIT_RET_CODE) {
            guard.rateLimited(HttpAnswers.comeBackAt(message, clock), "retCode 10006 " + retMsg);
            throw new SourceException(exchange, Kind.RATE_LIMITED, "retCode 10006 " + retMsg);
        }
        if (retCode == PARAMS_ERROR && UNKNOWN_SYMBOL_MESSAGE.equals(retMsg)) {
            throw new UnknownSymbolException(exchange, "retCode " + retCode + ": " + retMsg);
        }
        if (retCode != 0) {
            guard.failed("retCode " + retCode + " " + retMsg);
            throw new SourceException(exchange, Kind.API_ERROR, "retCode " + retCode + ": " + retMsg);
        }
        JsonNode result = root.path("result");
        if (!result.isObject()) {
            throw new SourceException(exchange, Kind.MALFORMED, "response without result");
        }
        return result;
    }

    /** The candles of a /v5/market/kline result (newest first on the wire), oldest first. */
    @Override
    public KlinePage klines(JsonNode result, String exchange) {
        JsonNode list = list(result, exchange, "kline");
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

    /** The oldest row of a /v5/market/kline result is its last. */
    @Override
    public Long firstOpenTime(JsonNode result, String exchange) {
        JsonNode list = list(result, exchange, "kline");
        return list.isEmpty() ? null : candle(list.get(list.size() - 1)).openTime();
    }

    /** One page of /v5/market/instruments-info: the instruments to collect, and the cursor of the next page. */
    @Override
    public ListingPage listing(JsonNode result, String exchange) {
        JsonNode list = list(result, exchange, "instruments");
        List<JsonNode> items = new ArrayList<>(list.size());
        list.forEach(items::add);
        String cursor = result.path("nextPageCursor").asText("");
        boolean more = !cursor.isEmpty() && !items.isEmpty();
        return new ListingPage(BybitInstruments.listing(items),
                more ? "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8) : null);
    }

    private static JsonNode list(JsonNode result, String exchange, String what) {
        JsonNode list = result.path("list");
        if (!list.isArray()) {
            throw new SourceException(exchange, Kind.MALFORMED, what + " result without list");
        }
        return list;
    }

    private static Candle candle(JsonNode row) {
        if (!row.isArray() || row.size() < 7) {
            throw new IllegalArgumentException("expected 7 fields");
        }
        return new Candle(Long.parseLong(row.get(0).asText()), decimal(row, 1), decimal(row, 2), decimal(row, 3),
                decimal(row, 4), decimal(row, 5), decimal(row, 6));
    }
}
