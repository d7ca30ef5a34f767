package io.coinwatch.fundamental;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * coinwatch.fundamental.*: the CoinGecko account, manual mapping overrides and the sentiment sources. Where CoinGecko
 * is and its per-minute budget are coinwatch.vendors.coingecko.*; the schedules are read by the routes as
 * placeholders.
 */
@ConfigurationProperties("coinwatch.fundamental")
public record FundamentalProperties(CoinGecko coingecko, Mapping mapping, Sentiment sentiment) {

    public FundamentalProperties {
        coingecko = coingecko == null ? new CoinGecko(null, null, 0, null, 0) : coingecko;
        mapping = mapping == null ? new Mapping(null, null) : mapping;
        sentiment = sentiment == null ? new Sentiment(null, null, null) : sentiment;
    }

    /**
     * @param apiKey        sent as x-cg-demo-api-key (plan demo) or x-cg-pro-api-key (plan pro); none when blank
     * @param plan          demo or pro: which header carries the key (the pro plan also has its own base URL)
     * @param monthlyBudget calls allowed per calendar month (UTC), counted in the database across restarts
     * @param vsCurrency    the currency of prices and market caps
     * @param pageSize      coin ids per /coins/markets call (CoinGecko allows 1..250)
     */
    public record CoinGecko(String apiKey, String plan, int monthlyBudget, String vsCurrency, int pageSize) {
        public CoinGecko {
            apiKey = apiKey == null ? "" : apiKey.trim();
            plan = plan == null || plan.isBlank() ? "demo" : plan.trim().toLowerCase(Locale.ROOT);
            if (!plan.equals("demo") && !plan.equals("pro")) {
                throw new IllegalArgumentException("coinwatch.fundamental.coingecko.plan must be demo or pro, got " + plan);
            }
            monthlyBudget = monthlyBudget <= 0 ? 10_000 : monthlyBudget;
            vsCurrency = vsCurrency == null || vsCurrency.isBlank() ? "usd" : vsCurrency;
            pageSize = pageSize <= 0 || pageSize > 250 ? 250 : pageSize;
        }

        /** The request header that carries the API key on this plan. */
        public String keyHeader() {
            return "x-cg-" + plan + "-api-key";
        }
    }

    /**
     * @param overrides   exchange base asset (any case) -> CoinGecko coin id; wins over every automatic decision
     * @param listMaxAge  how long a fetched /coins/list is reused (CoinGecko itself caches it 30 minutes on demo)
     */
    public record Mapping(Map<String, String> overrides, Duration listMaxAge) {
        public Mapping {
            Map<String, String> upper = new TreeMap<>();
            if (overrides != null) {
                overrides.forEach((asset, coin) -> upper.put(asset.toUpperCase(Locale.ROOT), coin.trim()));
            }
            overrides = Map.copyOf(upper);
            listMaxAge = listMaxAge == null ? Duration.ofMinutes(30) : listMaxAge;
        }
    }

    /**
     * @param window  posts older than this are not scored
     * @param reddit  the subreddit source (public JSON listings, no credentials)
     * @param twitter the Twitter/X source through RapidAPI, which needs a key
     */
    public record Sentiment(Duration window, Reddit reddit, Twitter twitter) {
        public Sentiment {
            window = window == null ? Duration.ofHours(24) : window;
            reddit = reddit == null ? new Reddit(true, 0, null) : reddit;
            twitter = twitter == null ? new Twitter(null) : twitter;
        }
    }

    /**
     * @param enabled   whether the daily run reads Reddit
     * @param posts     newest posts read per subreddit (Reddit allows up to 100 per call)
     * @param userAgent Reddit refuses anonymous clients with a generic user agent
     */
    public record Reddit(Boolean enabled, int posts, String userAgent) {
        public Reddit {
            enabled = enabled == null || enabled;
            posts = posts <= 0 || posts > 100 ? 100 : posts;
            userAgent = userAgent == null || userAgent.isBlank() ? "coinwatch/0.1 (fundamental-data)" : userAgent;
        }
    }

    /**
     * @param apiKey RapidAPI key (X-RapidAPI-Key); the source is disabled while it or coinwatch.vendors.twitter.base-url
     *               (whose host is the X-RapidAPI-Host) is blank
     */
    public record Twitter(String apiKey) {
        public Twitter {
            apiKey = apiKey == null ? "" : apiKey.trim();
        }
    }
}
