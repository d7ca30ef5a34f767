package io.coinwatch.marketdata.bybit;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coinwatch.marketdata.ListedInstrument;

/**
 * Turns instruments-info items into the instruments Coinwatch collects: Trading USDT linear perpetuals. Each item is
 * checked on its own; a bad one is skipped with its reason logged and never aborts the page.
 */
final class BybitInstruments {

    private static final Logger log = LoggerFactory.getLogger(BybitInstruments.class);

    private BybitInstruments() {
    }

    static List<ListedInstrument> listing(List<JsonNode> items) {
        List<ListedInstrument> listing = new ArrayList<>(items.size());
        int skipped = 0;
        for (JsonNode item : items) {
            String problem = problem(item);
            if (problem == null) {
                listing.add(new ListedInstrument(item.path("symbol").asText(), item.path("baseCoin").asText(),
                        item.path("quoteCoin").asText(), item.path("contractType").asText(), item.path("status").asText(),
                        Long.parseLong(item.path("launchTime").asText())));
            } else if (!problem.isEmpty()) {
                skipped++;
                log.warn("Skipping Bybit instrument {}: {}", item.path("symbol").asText("?"), problem);
            }
        }
        log.debug("Bybit listing: {} collected, {} invalid", listing.size(), skipped);
        return listing;
    }

    /** Null for an instrument to collect, "" for a valid one we do not collect, else why it is invalid. */
    static String problem(JsonNode item) {
        String symbol = item.path("symbol").asText("");
        if (!symbol.matches("[A-Z0-9]{2,30}")) {
            return symbol.isEmpty() ? "no symbol" : (symbol.contains("-") ? "" : "malformed symbol");
        }
        if (!"LinearPerpetual".equals(item.path("contractType").asText())
                || !"USDT".equals(item.path("quoteCoin").asText())
                || !"Trading".equals(item.path("status").asText())) {
            return "";
        }
        if (item.path("baseCoin").asText("").isEmpty()) {
            return "no baseCoin";
        }
        String launch = item.path("launchTime").asText("");
        if (!launch.matches("\\d{1,15}")) {
            return "launchTime '" + launch + "' is not epoch milliseconds";
        }
        return null;
    }
}
