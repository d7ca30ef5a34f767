package io.coinwatch.core.source;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * coinwatch.exchanges.&lt;name&gt;.*: where an exchange is (its route file in routes/ names it) and how much of its IP limit this process may use. The budget
 * counts request weight: a request weighs 1 unless its route says otherwise (Binance's klines weigh 2).
 * coinwatch.vendors.&lt;name&gt;.*: the same for a data vendor (CoinGecko, Reddit), whose calls are guarded the same way
 * but which the market-data flows do not collect candles from.
 */
@ConfigurationProperties("coinwatch")
public record SourceProperties(Map<String, Source> exchanges, Map<String, Source> vendors) {

    public SourceProperties {
        exchanges = exchanges == null ? Map.of() : exchanges;
        vendors = vendors == null ? Map.of() : vendors;
    }

    /**
     * @param baseUrl       the REST root (the simulator's in the demo profile)
     * @param budget        request weight allowed per budget window, shared by every route of the process
     * @param budgetWindow  the window the budget is counted over
     * @param banWindow     how long to send nothing after an IP ban without Retry-After
     * @param ipLimit       the exchange's own limit per IP and budget window, as its usage header counts it (Binance:
     *                      6000 weight a minute in X-MBX-USED-WEIGHT-1M); 0 when the exchange reports no usage
     */
    public record Source(String baseUrl, int budget, Duration budgetWindow, Duration banWindow, int ipLimit) {
        public Source {
            budget = budget <= 0 ? 300 : budget;
            budgetWindow = budgetWindow == null ? Duration.ofSeconds(5) : budgetWindow;
            banWindow = banWindow == null ? Duration.ofMinutes(10) : banWindow;
        }
    }
}
