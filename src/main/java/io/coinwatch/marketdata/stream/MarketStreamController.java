package io.coinwatch.marketdata.stream;

import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.api.ApiErrorBody;
import io.coinwatch.core.api.ApiException;
import io.coinwatch.marketdata.SymbolCatalog;
import io.coinwatch.core.source.SourceProperties;

/**
 * GET /api/v1/market-data/stream: Server-Sent Events of new candles and indicator values. A Spring MVC handler
 * rather than a REST DSL route, because platform-http answers with one complete body and a stream never completes.
 * Every refusal happens before the stream opens, as a JSON error of the API's contract.
 */
@RestController
@ConditionalOnRole(Role.MARKET_DATA)
public class MarketStreamController {

    private final MarketStream stream;
    private final SymbolCatalog catalog;
    private final Set<String> exchanges;
    private final StreamProperties properties;
    private final ObjectMapper mapper;

    public MarketStreamController(MarketStream stream, SymbolCatalog catalog, SourceProperties exchanges,
                                  StreamProperties properties, ObjectMapper mapper) {
        this.stream = stream;
        this.catalog = catalog;
        this.exchanges = exchanges.exchanges().keySet();
        this.properties = properties;
        this.mapper = mapper;
    }

    @GetMapping("/api/v1/market-data/stream")
    public ResponseEntity<?> stream(@RequestParam(required = false) String symbols,
                                    @RequestParam(required = false) String exchange,
                                    @RequestParam(required = false) String interval,
                                    @RequestParam(required = false) String indicators,
                                    @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId)
            throws JsonProcessingException {
        try {
            StreamSubscription subscription = StreamSubscription.parse(exchange, symbols, interval, indicators, catalog,
                    exchanges, properties.maxSymbols());
            long[] cursors = subscription.cursors(lastEventId);
            return ResponseEntity.ok().header("Cache-Control", "no-store").header("X-Accel-Buffering", "no")
                    .contentType(MediaType.TEXT_EVENT_STREAM).body(stream.open(subscription, cursors));
        } catch (ApiException e) {
            // A preset content type is written as given, whatever the client's Accept (an EventSource asks for text/event-stream).
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
            if (e.status() == 503) {
                answer.header("Retry-After", "5");
            }
            return answer.body(mapper.writeValueAsString(ApiErrorBody.of(e.status(), e.code(), e.getMessage())));
        }
    }
}
