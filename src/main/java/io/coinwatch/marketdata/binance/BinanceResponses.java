package io.coinwatch.marketdata.binance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.coinwatch.core.model.Candle;
import io.coinwatch.marketdata.KlinePage;
import io.coinwatch.marketdata.ListedInstrument;
import io.coinwatch.marketdata.RejectedCandle;
import io.coinwatch.marketdata.exchange.ExchangeException;
import io.coinwatch.marketdata.exchange.ExchangeException.Kind;
import io.coinwatch.marketdata.exchange.ExchangeGuard;
import io.coinwatch.marketdata.exchange.ExchangeGuards;

import static io.coinwatch.marketdata.exchange.WireFormat.abbreviate;
import static io.coinwatch.marketdata.exchange.WireFormat.decimal;

/**
 * Reads responses of the Binance spot API (and of exchanges that serve the same API, so every method takes the name
 * the exchange is configured under): classifies failures through that exchange's guard (418 bans and 429 limits with
 * Retry-After, code -1003, 5xx, malformed bodies, {"code","msg"} errors), passes the reported weight usage on, and
 * turns the 12-field kline rows and exchangeInfo into our types. The routes that call it are YAML (routes/binance.yaml).
 */
@Component("binanceResponses")
public class BinanceResponses {

    private static final Logger log = LoggerFactory.getLogger(BinanceResponses.class);
    private static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";
    private static final int TOO_MUCH_WEIGHT = -1003;
    private static final int INVALID_SYMBOL = -1121;
    /** Rows have 12 fields; the first 8 (up to the quote asset volume) are what a candle needs. */
    private static final int KLINE_FIELDS_NEEDED = 8;

    private final ObjectMapper mapper;
    private final ExchangeGuards guards;

    public BinanceResponses(ObjectMapper mapper, ExchangeGuards guards) {
        this.mapper = mapper;
        this.guards = guards;
    }

    /** The JSON of a successful call, or the classified failure (reported to the exchange's guard). */
    public JsonNode result(Exchange exchange, String name) {
        ExchangeGuard guard = guards.of(name);
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String body = message.getBody(String.class);
        guard.answered();
        Long used = message.getHeader(USED_WEIGHT, Long.class);
        if (used != null) {
            guard.reportedUsage(used);
        }
        if (status == 418) {
            guard.banned(retryAfter(message), "HTTP 418 " + abbreviate(body));
            throw new ExchangeException(name, Kind.BANNED, "HTTP 418 IP banned: " + abbreviate(body));
        }
        if (status == 429) {
            guard.rateLimited(resumeAt(message), "HTTP 429 " + abbreviate(body));
            throw new ExchangeException(name, Kind.RATE_LIMITED, "HTTP 429 rate limited");
        }
        if (status >= 500) {
            guard.failed("HTTP " + status);
            throw new ExchangeException(name, Kind.SERVER_ERROR, "HTTP " + status);
        }
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            guard.failed("malformed response");
            throw new ExchangeException(name, Kind.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root != null && root.isObject() && root.has("code") && root.has("msg")) {
            throw apiError(guard, name, status, message, root.path("code").asInt(), root.path("msg").asText());
        }
        if (status != 200) {
            throw new ExchangeException(name, Kind.API_ERROR, "HTTP " + status + " " + abbreviate(body));
        }
        if (root == null) {
            throw new ExchangeException(name, Kind.MALFORMED, "empty response");
        }
        return root;
    }

    private static ExchangeException apiError(ExchangeGuard guard, String name, int status, Message message, int code, String msg) {
        String text = "HTTP " + status + " code " + code + ": " + msg;
        if (code == TOO_MUCH_WEIGHT) {
            guard.rateLimited(resumeAt(message), text);
            return new ExchangeException(name, Kind.RATE_LIMITED, text);
        }
        if (code == INVALID_SYMBOL) {
            return new ExchangeException(name, Kind.UNKNOWN_SYMBOL, text);
        }
        guard.failed(text);
        return new ExchangeException(name, Kind.API_ERROR, text);
    }

    /** The candles of a /api/v3/klines response: 12-field rows, oldest first on the wire as in ours. */
    public KlinePage klines(JsonNode rows, String name) {
        if (!rows.isArray()) {
            throw new ExchangeException(name, Kind.MALFORMED, "klines response is not an array");
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
    public Long firstOpenTime(JsonNode rows, String name) {
        if (!rows.isArray()) {
            throw new ExchangeException(name, Kind.MALFORMED, "klines response is not an array");
        }
        return rows.isEmpty() ? null : candle(rows.get(0)).openTime();
    }

    /**
     * The pairs of an exchangeInfo response that Coinwatch collects: status TRADING, quote asset USDT. Their launch
     * time is left open (exchangeInfo has none); a pair that is invalid is skipped with its reason logged.
     */
    public List<ListedInstrument> listing(JsonNode info, String name) {
        JsonNode symbols = info.path("symbols");
        if (!symbols.isArray()) {
            throw new ExchangeException(name, Kind.MALFORMED, "exchangeInfo without symbols");
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
        return listing;
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

    /** Retry-After in whole seconds, as Binance sends it with 429 and 418; null when absent or unreadable. */
    private static Duration retryAfter(Message message) {
        String value = message.getHeader("Retry-After", String.class);
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant resumeAt(Message message) {
        Duration wait = retryAfter(message);
        return wait == null ? null : Instant.now().plus(wait);
    }
}
