package io.coinwatch.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The simulated CoinGecko database, consistent with the exchange: one coin per base asset of the listed instruments
 * (multiplier stripped, so 1000PEPE is coin "pepe" priced per PEPE) and per well-known asset, listed or not, plus
 * coins that share a ticker with a listed one
 * (several "pepe" and "sol" coins, some without a market-cap rank, so mapping must go by id, never by symbol), plus
 * coins no exchange symbol refers to. Market figures are fixed at start-up and plausible rather than live: some
 * changes are negative, some supplies, ROIs and ranks are null.
 */
final class CoinCatalog {

    /**
     * @param marketRow  the /coins/markets entry without last_updated
     * @param details    the /coins/{id} document without last_updated
     * @param platforms  contract address per asset platform, empty for native coins
     */
    record Coin(String id, String symbol, String name, Integer marketCapRank, double marketCap, double totalVolume,
                double priceChangePercentage24h, long seed, Map<String, String> platforms,
                Map<String, Object> marketRow, Map<String, Object> details) {
    }

    /** What a coin is before its figures are drawn; a null market cap means CoinGecko has not ranked it. */
    private record Spec(String id, String symbol, String name, double price, Double marketCap, String platform) {
    }

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final List<String> GENERATED_PLATFORMS =
            List.of("ethereum", "solana", "binance-smart-chain", "base");
    private static final List<String> TOKEN_CATEGORIES = List.of("Meme", "Decentralized Finance (DeFi)",
            "Gaming (GameFi)", "Artificial Intelligence (AI)", "Real World Assets (RWA)");
    private static final List<String> NAME_SUFFIXES = List.of("", " Protocol", " Network", " Finance", " Token");
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private final Map<String, Coin> byId;

    private CoinCatalog(Map<String, Coin> byId) {
        this.byId = byId;
    }

    static CoinCatalog create(Collection<Instrument> instruments, long seed, Instant now) {
        List<Spec> specs = new ArrayList<>(exchangeCoins(instruments, seed));
        specs.addAll(sameTickerCoins());
        specs.addAll(unlistedCoins(specs, instruments.size(), seed));
        Map<String, Integer> ranks = ranks(specs);
        long coinSeed = Seeds.mix(seed, "coingecko-coin");
        Map<String, Coin> byId = new TreeMap<>();
        for (Spec spec : specs) {
            byId.put(spec.id(), new CoinFactory(spec, ranks.get(spec.id()), Seeds.mix(coinSeed, spec.id()), now).build());
        }
        return new CoinCatalog(byId);
    }

    /** All coins sorted by id, as /coins/list returns them. */
    Collection<Coin> coins() {
        return byId.values();
    }

    Optional<Coin> coin(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The coins of the listed base assets, then the well-known coins the listing lacks: CoinGecko knows Pepe whether
     * or not this exchange lists 1000PEPEUSDT.
     */
    private static List<Spec> exchangeCoins(Collection<Instrument> instruments, long seed) {
        Map<String, Spec> byTicker = new LinkedHashMap<>();
        for (Instrument instrument : instruments) {
            BaseAsset base = BaseAsset.parse(instrument.baseCoin());
            byTicker.computeIfAbsent(base.coin(), ticker -> {
                WellKnownAssets.Asset known = WellKnownAssets.byBaseCoin(instrument.baseCoin());
                return known != null
                        ? wellKnownSpec(known, ticker)
                        : generatedSpec(ticker, instrument.referencePrice() / base.multiplier(), seed);
            });
        }
        for (WellKnownAssets.Asset known : WellKnownAssets.ALL) {
            byTicker.computeIfAbsent(BaseAsset.parse(known.baseCoin()).coin(), ticker -> wellKnownSpec(known, ticker));
        }
        return List.copyOf(byTicker.values());
    }

    private static Spec wellKnownSpec(WellKnownAssets.Asset known, String ticker) {
        return new Spec(known.coinId(), ticker.toLowerCase(Locale.ROOT), known.coinName(), known.coinPriceUsd(),
                known.marketCapUsd(), known.platform());
    }

    private static Spec generatedSpec(String ticker, double price, long seed) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(Seeds.mix(seed, "coingecko-name"), ticker));
        String suffix = NAME_SUFFIXES.get(random.nextInt(NAME_SUFFIXES.size()));
        String name = ticker.charAt(0) + ticker.substring(1).toLowerCase(Locale.ROOT) + suffix;
        Double marketCap = random.nextDouble() < 0.04 ? null : logUniform(random, 5e6, 2e9);
        String platform = random.nextDouble() < 0.4
                ? null : GENERATED_PLATFORMS.get(random.nextInt(GENERATED_PLATFORMS.size()));
        return new Spec(name.toLowerCase(Locale.ROOT).replace(' ', '-'), ticker.toLowerCase(Locale.ROOT), name, price,
                marketCap, platform);
    }

    /** Coins that share a ticker with a listed coin: the trap for anyone mapping by symbol. */
    private static List<Spec> sameTickerCoins() {
        return List.of(
                new Spec("pepe-2", "pepe", "Pepe 2.0", 0.000000021, 9.0e6, "ethereum"),
                new Spec("based-pepe", "pepe", "Based Pepe", 0.00000000045, null, "base"),
                new Spec("sol-wormhole", "sol", "SOL (Wormhole)", 150, 3.1e7, "ethereum"),
                new Spec("wrapped-solana", "sol", "Wrapped SOL", 150, null, "solana"));
    }

    /** Coins no exchange symbol refers to: stablecoins, wrapped assets and generated small caps. */
    private static List<Spec> unlistedCoins(List<Spec> taken, int instrumentCount, long seed) {
        List<Spec> unlisted = new ArrayList<>(List.of(
                new Spec("tether", "usdt", "Tether", 1.0, 1.1e11, "ethereum"),
                new Spec("usd-coin", "usdc", "USDC", 1.0, 3.3e10, "ethereum"),
                new Spec("wrapped-bitcoin", "wbtc", "Wrapped Bitcoin", 65_000, 1.0e10, "ethereum"),
                new Spec("dai", "dai", "Dai", 1.0, 5.3e9, "ethereum"),
                new Spec("leo-token", "leo", "LEO Token", 5.9, 5.4e9, "ethereum"),
                new Spec("monero", "xmr", "Monero", 160, 2.9e9, null)));
        Set<String> tickers = taken.stream().map(s -> s.symbol().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        SyntheticNames names = new SyntheticNames(Seeds.mix(seed, "unlisted-names"), tickers);
        SplittableRandom prices = new SplittableRandom(Seeds.mix(seed, "unlisted-prices"));
        for (int i = 0; i < 10 + instrumentCount / 20; i++) {
            unlisted.add(generatedSpec(names.next(), logUniform(prices, 1e-4, 50), seed));
        }
        return unlisted;
    }

    /** market_cap_rank: 1 for the largest market cap among ranked coins. */
    private static Map<String, Integer> ranks(List<Spec> specs) {
        List<Spec> ranked = specs.stream()
                .filter(s -> s.marketCap() != null)
                .sorted(Comparator.comparing(Spec::marketCap).reversed().thenComparing(Spec::id))
                .toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            ranks.put(ranked.get(i).id(), i + 1);
        }
        return ranks;
    }

    private static double logUniform(SplittableRandom random, double min, double max) {
        return StrictMath.exp(StrictMath.log(min) + random.nextDouble() * (StrictMath.log(max) - StrictMath.log(min)));
    }

    /** Draws one coin's figures and metadata from its own generator, in a fixed order. */
    private static final class CoinFactory {
        private final Spec spec;
        private final Integer rank;
        private final long seed;
        private final SplittableRandom random;
        private final Instant now;

        CoinFactory(Spec spec, Integer rank, long seed, Instant now) {
            this.spec = spec;
            this.rank = rank;
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.now = now;
        }

        Coin build() {
            Map<String, String> platforms = spec.platform() == null
                    ? Map.of() : Map.of(spec.platform(), contractAddress(spec.platform()));
            double price = spec.price();
            double marketCap = spec.marketCap() == null ? 0 : spec.marketCap();
            double circulating = spec.marketCap() == null ? logUniform(random, 1e6, 1e12) : marketCap / price;
            Double totalSupply = random.nextDouble() < 0.1 ? null : circulating * (1 + random.nextDouble() * 0.5);
            Double maxSupply = totalSupply == null || random.nextDouble() < 0.4
                    ? null : totalSupply * (1 + random.nextDouble());
            Double dilutionSupply = maxSupply != null ? maxSupply : totalSupply;
            double totalVolume = Math.max(marketCap, 1e5) * (0.01 + 0.19 * random.nextDouble());
            double changePercent = random.nextGaussian() * 4;
            double marketCapChangePercent = changePercent + random.nextGaussian() * 0.3;
            double ath = price * (1.05 + 19 * random.nextDouble());
            double atl = price * (0.01 + 0.89 * random.nextDouble());
            Instant athDate = now.minus(Duration.ofDays(30 + random.nextInt(1500))).minusMillis(random.nextInt(86_400_000));
            Instant atlDate = athDate.minus(Duration.ofDays(1 + random.nextInt(1500))).minusMillis(random.nextInt(86_400_000));
            Map<String, Object> roi = random.nextDouble() < 0.15 ? roi(random.nextDouble() * 40) : null;

            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", spec.id());
            row.put("symbol", spec.symbol());
            row.put("name", spec.name());
            row.put("image", imageUrl("large"));
            row.put("current_price", significant(price));
            row.put("market_cap", Math.round(marketCap));
            row.put("market_cap_rank", rank);
            row.put("fully_diluted_valuation", dilutionSupply == null ? null : Math.round(price * dilutionSupply));
            row.put("total_volume", Math.round(totalVolume));
            row.put("high_24h", significant(price * (1 + Math.abs(random.nextGaussian()) * 0.03)));
            row.put("low_24h", significant(price * (1 - Math.abs(random.nextGaussian()) * 0.03)));
            row.put("price_change_24h", significant(price - price / (1 + changePercent / 100)));
            row.put("price_change_percentage_24h", significant(changePercent));
            row.put("market_cap_change_24h", significant(marketCap - marketCap / (1 + marketCapChangePercent / 100)));
            row.put("market_cap_change_percentage_24h", significant(marketCapChangePercent));
            row.put("circulating_supply", significant(circulating));
            row.put("total_supply", totalSupply == null ? null : significant(totalSupply));
            row.put("max_supply", maxSupply == null ? null : significant(maxSupply));
            row.put("ath", significant(ath));
            row.put("ath_change_percentage", significant((price / ath - 1) * 100));
            row.put("ath_date", TIMESTAMP.format(athDate));
            row.put("atl", significant(atl));
            row.put("atl_change_percentage", significant((price / atl - 1) * 100));
            row.put("atl_date", TIMESTAMP.format(atlDate));
            row.put("roi", roi);
            return new Coin(spec.id(), spec.symbol(), spec.name(), rank, marketCap, totalVolume, changePercent, seed,
                    platforms, row, details(platforms));
        }

        private Map<String, Object> details(Map<String, String> platforms) {
            boolean nativeCoin = spec.platform() == null;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", spec.id());
            json.put("symbol", spec.symbol());
            json.put("name", spec.name());
            json.put("web_slug", spec.id());
            json.put("asset_platform_id", spec.platform());
            // CoinGecko describes a native coin with an empty platform key rather than an empty object.
            json.put("platforms", nativeCoin ? Map.of("", "") : platforms);
            json.put("detail_platforms", nativeCoin
                    ? Map.of("", detailPlatform(null, ""))
                    : Map.of(spec.platform(), detailPlatform(spec.platform().equals("solana") ? 9 : 18,
                            platforms.get(spec.platform()))));
            json.put("block_time_in_minutes", nativeCoin ? 1 + random.nextInt(10) : 0);
            json.put("hashing_algorithm", nativeCoin ? List.of("SHA-256", "Scrypt", "Ethash", "Proof of Stake")
                    .get(random.nextInt(4)) : null);
            json.put("categories", nativeCoin
                    ? List.of("Layer 1 (L1)", "Smart Contract Platform")
                    : List.of(TOKEN_CATEGORIES.get(random.nextInt(TOKEN_CATEGORIES.size()))));
            json.put("preview_listing", false);
            json.put("public_notice", null);
            json.put("additional_notices", List.of());
            json.put("description",
                    Map.of("en", spec.name() + " is a synthetic coin served by the Coinwatch exchange simulator."));
            json.put("links", links());
            json.put("image", Map.of("thumb", imageUrl("thumb"), "small", imageUrl("small"), "large", imageUrl("large")));
            json.put("country_origin", "");
            json.put("genesis_date", nativeCoin && random.nextBoolean()
                    ? LocalDate.of(2009 + random.nextInt(15), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString()
                    : null);
            Double votesUp = random.nextDouble() < 0.2 ? null : significant(50 + 45 * random.nextDouble());
            json.put("sentiment_votes_up_percentage", votesUp);
            json.put("sentiment_votes_down_percentage", votesUp == null ? null : significant(100 - votesUp));
            json.put("watchlist_portfolio_users", random.nextInt(2_000_000));
            json.put("market_cap_rank", rank);
            json.put("status_updates", List.of());
            return json;
        }

        private Map<String, Object> links() {
            String site = "https://" + spec.id() + ".org";
            Map<String, Object> links = new LinkedHashMap<>();
            links.put("homepage", List.of(site, "", ""));
            links.put("whitepaper", random.nextBoolean() ? site + "/whitepaper.pdf" : "");
            links.put("blockchain_site", List.of("https://explorer." + spec.id() + ".org", "", ""));
            links.put("official_forum_url", List.of(""));
            links.put("chat_url", List.of(""));
            links.put("announcement_url", List.of("", ""));
            links.put("snapshot_url", null);
            links.put("twitter_screen_name", spec.id().replace("-", ""));
            links.put("facebook_username", "");
            links.put("bitcointalk_thread_identifier", null);
            links.put("telegram_channel_identifier", "");
            links.put("subreddit_url", random.nextBoolean() ? "https://www.reddit.com/r/" + subreddit() + "/" : null);
            links.put("repos_url", Map.of(
                    "github", random.nextBoolean()
                            ? List.of("https://github.com/" + spec.id() + "/" + spec.id()) : List.of(),
                    "bitbucket", List.of()));
            return links;
        }

        /** Reddit names are at most 21 letters, digits and underscores. */
        private String subreddit() {
            String name = spec.name().replaceAll("[^A-Za-z0-9]", "");
            return name.length() <= 21 ? name : name.substring(0, 21);
        }

        private static Map<String, Object> detailPlatform(Integer decimals, String address) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("decimal_place", decimals);
            json.put("contract_address", address);
            return json;
        }

        private Map<String, Object> roi(double times) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("times", significant(times));
            json.put("currency", "usd");
            json.put("percentage", significant(times * 100));
            return json;
        }

        private String contractAddress(String platform) {
            StringBuilder address = new StringBuilder();
            if (platform.equals("solana")) {
                for (int i = 0; i < 44; i++) {
                    address.append(BASE58.charAt(random.nextInt(BASE58.length())));
                }
                return address.toString();
            }
            address.append("0x");
            for (int i = 0; i < 40; i++) {
                address.append(Character.forDigit(random.nextInt(16), 16));
            }
            return address.toString();
        }

        private String imageUrl(String size) {
            return "https://coin-images.coingecko.com/coins/images/" + Math.floorMod(seed, 40_000L) + "/" + size + "/"
                    + spec.id() + ".png";
        }

        /** CoinGecko's figures carry about eight significant digits. */
        private static double significant(double value) {
            return new BigDecimal(value).round(new MathContext(8)).doubleValue();
        }
    }
}
