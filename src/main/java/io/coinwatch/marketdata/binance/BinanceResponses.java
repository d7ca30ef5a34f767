package io.coinwatch.marketdata.binance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import io.coinwatch.marketdata.ListedInstrument;
import io.coinwatch.marketdata.RejectedCandle;

import static io.coinwatch.core.source.WireFormat.abbreviate;
import static io.coinwatch.core.source.WireFormat.decimal;

/**
 * Reads responses of the Binance spot API (and of exchanges that serve the same API, so every method takes the name
 * the exchange is configured under): classifies failures through that exchange's guard (418 bans and 429 limits with
 * Retry-After, code -1003, 5xx, malformed bodies, {"code","msg"} errors), passes the reported weight usage on, and
 * turns the 12-field kline rows and exchangeInfo into our types. Its routes: routes/binance.yaml.
 */
@Component("binanceResponses")
public class BinanceResponses implements ExchangeWireFormat {

    private static final Logger log = LoggerFactory.getLogger(BinanceResponses.class);
    private static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";
    private static final int TOO_MUCH_WEIGHT = -1003;
    private static final int INVALID_SYMBOL = -1121;
    /** Rows have 12 fields; the first 8 (up to the quote asset volume) are what a candle needs. */
    private static final int KLINE_FIELDS_NEEDED = 8;

    private final ObjectReader reader;
    private final SourceGuards guards;
    private final Clock clock;

    public BinanceResponses(ObjectMapper mapper, SourceGuards guards, Clock clock) {
        this.reader = mapper.reader();
        this.guards = guards;
        this.clock = clock;
    }

    /** The JSON of a successful call, or the classified failure (reported to the exchange's guard). */
    @Override
    public JsonNode result(Exchange answer, String name) {
        SourceGuard guard = guards.of(name);
        Message message = answer.getMessage();
        Long used = message.getHeader(USED_WEIGHT, Long.class);
        if (used != null) {
            guard.reportedUsage(used);
        }
        String body = HttpAnswers.body(guard, message, clock);
        int status = HttpAnswers.status(message);
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : reader.readTree(body);
        } catch (JsonProcessingException e) {
            guard.failed("malformed response");
            throw new SourceException(name, Kind.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root != null && root.isObject() && root.has("code") && root.has("msg")) {
            throw apiError(guard, name, status, message, root.path("code").asInt(), root.path("msg").asText());
        }
        if (status != 200) {
            throw new SourceException(name, Kind.API_ERROR, "HTTP " + status + " " + abbreviate(body));
        }
        if (root == null) {
            throw new SourceException(name, Kind.MALFORMED, "empty response");
        }
        return root;
    }

    private SourceException apiError(SourceGuard guard, String name, int status, Message message, int code, String msg) {
        String text = "HTTP " + status + " code " + code + ": " + msg;
        if (code == TOO_MUCH_WEIGHT) {
            guard.rateLimited(HttpAnswers.comeBackAt(message, clock), text);
            return new SourceException(name, Kind.RATE_LIMITED, text);
        }
        if (code == INVALID_SYMBOL) {
            return new UnknownSymbolException(name, text);
        }
        guard.failed(text);
        return new SourceException(name, Kind.API_ERROR, text);
    }

    /** The candles of a /api/v3/klines response: 12-field rows, oldest first on the wire as in ours. */
    @Override
    public KlinePage klines(JsonNode rows, String name) {
        if (!rows.isArray()) {
            throw new SourceException(name, Kind.MALFORMED, "klines response is not an array");
        }
        List<Candle> candles = new ArrayList<>(rows.size());
        List<RejectedCandle> rejected = new ArrayList<>();
        for (JsonNode row : rows) {
            try {
                candles.add(candle(row));
            } catch (RuntimeException e) {
                rejected.add(new RejectedCandle(row.path(0).asLong(-1), row.toString(), "unparseable row: " + e.getMessage()));
            }
        }
        return new KlinePage(candles, rejected);
    }

    /**
     * The open time of the first row of a klines response, null when there is none. Asked with startTime=0 and
     * limit=1 it is when the pair started trading: exchangeInfo does not say.
     */
    @Override
    public Long firstOpenTime(JsonNode rows, String name) {
        if (!rows.isArray()) {
            throw new SourceException(name, Kind.MALFORMED, "klines response is not an array");
        }
        return rows.isEmpty() ? null : candle(rows.get(0)).openTime();
    }

    /**
     * The pairs of an exchangeInfo response that Coinwatch collects: status TRADING, quote asset USDT. Their launch
     * time is left open (exchangeInfo has none); a pair that is invalid is skipped with its reason logged.
     */
    @Override
    public ListingPage listing(JsonNode info, String name) {
        JsonNode symbols = info.path("symbols");
        if (!symbols.isArray()) {
            throw new SourceException(name, Kind.MALFORMED, "exchangeInfo without symbols");
        }
        List<ListedInstrument> listing = new ArrayList<>(symbols.size());
        for (JsonNode item : symbols) {
            String symbol = item.path("symbol").asText("");
            if (!"TRADING".equals(item.path("status").asText()) || !"USDT".equals(item.path("quoteAsset").asText())) {
                continue;
            }
            if (!symbol.matches("[A-Z0-9]{2,30}") || item.path("baseAsset").asText("").isEmpty()) {
                log.warn("Skipping {} pair {}: malformed symbol or no baseAsset", name, item.path("symbol"));
                continue;
            }
            listing.add(new ListedInstrument(symbol, item.path("baseAsset").asText(), "USDT", "Spot", "Trading", null));
        }
        log.debug("{} listing: {} pairs collected of {}", name, listing.size(), symbols.size());
        return new ListingPage(listing, null); // exchangeInfo comes in one piece
    }

    private static Candle candle(JsonNode row) {
        if (!row.isArray() || row.size() < KLINE_FIELDS_NEEDED) {
            throw new IllegalArgumentException("expected 12 fields");
        }
        JsonNode openTime = row.get(0);
        if (!openTime.canConvertToLong()) {
            throw new IllegalArgumentException("open time " + openTime + " is not epoch milliseconds");
        }
        // [openTime, open, high, low, close, volume, closeTime, quoteAssetVolume, trades, takerBase, takerQuote, ignore]
        return new Candle(openTime.asLong(), decimal(row, 1), decimal(row, 2), decimal(row, 3), decimal(row, 4),
                decimal(row, 5), decimal(row, 7));
    }
}
