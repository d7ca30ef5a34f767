package io.coinwatch.marketdata;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.coinwatch.core.source.ResponseReader;

/**
 * An exchange's response-reader bean, as the exchange route templates (ExchangeRouteTemplates) call it: besides
 * classifying answers it reads the three answers every exchange gives. Each method takes the name the exchange is
 * configured under, so exchanges that serve the same API share one bean. An exchange with a new wire format is one
 * such bean plus its route file.
 */
public interface ExchangeWireFormat extends ResponseReader {

    /** One page of the exchange's listing: the instruments Coinwatch collects, and how to ask for the next page. */
    record ListingPage(List<ListedInstrument> instruments, String nextPageParams) {
    }

    /** The instruments of a listing answer to collect, and the query parameters of the next page (null at the end). */
    ListingPage listing(JsonNode answer, String exchange);

    /** The candles of a kline answer, oldest first, and the rows that could not be read. */
    KlinePage klines(JsonNode answer, String exchange);

    /** The open time of the oldest candle in a kline answer, null when it has none. */
    Long firstOpenTime(JsonNode answer, String exchange);
}
