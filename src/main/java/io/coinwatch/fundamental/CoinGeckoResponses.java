package io.coinwatch.fundamental;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.source.HttpAnswers;
import io.coinwatch.core.source.ResponseReader;
import io.coinwatch.core.source.SourceException;
import io.coinwatch.core.source.SourceException.Kind;
import io.coinwatch.core.source.SourceGuards;

/**
 * Reads CoinGecko's answers. Numbers are read as BigDecimal straight from the JSON text, so a price of 1.05E-8 or a
 * negative change is stored exactly as CoinGecko sent it; a 429 pauses the guard until its Retry-After.
 */
@Component("coinGeckoResponses")
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class CoinGeckoResponses implements ResponseReader {

    /** One entry of /coins/list. */
    public record CoinListing(String id, String symbol, String name) {
    }

    private final ObjectReader reader;
    private final SourceGuards guards;
    private final FundamentalProperties.CoinGecko account;
    private final MonthlyCallBudget budget;
    private final Clock clock;

    public CoinGeckoResponses(ObjectMapper mapper, SourceGuards guards, FundamentalProperties properties,
                              @Qualifier("coingeckoBudget") MonthlyCallBudget budget, Clock clock) {
        this.reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.guards = guards;
        this.account = properties.coingecko();
        this.budget = budget;
        this.clock = clock;
    }

    /** Each call counts against the month's budget (none goes out once it is spent), with the plan's API key. */
    @Override
    public void prepare(Exchange request, String source) {
        budget.spend();
        if (!account.apiKey().isEmpty()) {
            request.getMessage().setHeader(account.keyHeader(), account.apiKey());
        }
    }

    /** The JSON of a successful call, or the classified failure. */
    @Override
    public JsonNode result(Exchange answer, String source) {
        return HttpAnswers.jsonResult(guards.of(source), reader, answer.getMessage(), clock);
    }

    public List<CoinListing> coins(JsonNode list) {
        List<CoinListing> coins = new ArrayList<>(array(list, "/coins/list").size());
        for (JsonNode coin : list) {
            String id = coin.path("id").asText("");
            String symbol = coin.path("symbol").asText("");
            if (!id.isEmpty() && !symbol.isEmpty()) {
                coins.add(new CoinListing(id, symbol, coin.path("name").asText(id)));
            }
        }
        return coins;
    }

    /** The rows of /coins/markets, each with at least its id. */
    public List<JsonNode> markets(JsonNode rows) {
        List<JsonNode> list = new ArrayList<>(array(rows, "/coins/markets").size());
        rows.forEach(row -> {
            if (row.hasNonNull("id")) {
                list.add(row);
            }
        });
        return list;
    }

    /** The /coins/{id} document. */
    public JsonNode coin(JsonNode document) {
        if (!document.isObject() || !document.hasNonNull("id")) {
            throw new SourceException(CoinGeckoRoutes.NAME, Kind.MALFORMED, "/coins/{id} answer without id");
        }
        return document;
    }

    /** The query of a /coins/markets call for these coin ids, one page of them. */
    public String marketsQuery(List<String> ids) {
        return "vs_currency=" + account.vsCurrency() + "&ids=" + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8)
                + "&order=market_cap_desc&per_page=" + account.pageSize() + "&page=1&sparkline=false";
    }

    /** Coin ids in pages of at most page-size, one /coins/markets call each. */
    public List<List<String>> pages(List<String> ids) {
        List<List<String>> pages = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += account.pageSize()) {
            pages.add(List.copyOf(ids.subList(from, Math.min(ids.size(), from + account.pageSize()))));
        }
        return pages;
    }

    public String coinPath(String coinId) {
        return "/coins/" + URLEncoder.encode(coinId, StandardCharsets.UTF_8);
    }

    private static JsonNode array(JsonNode node, String endpoint) {
        if (!node.isArray()) {
            throw new SourceException(CoinGeckoRoutes.NAME, Kind.MALFORMED, endpoint + " answer is not a list");
        }
        return node;
    }
}
