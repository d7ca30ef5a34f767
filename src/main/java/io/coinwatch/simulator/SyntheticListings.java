package io.coinwatch.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The synthetic instrument list: the well-known coins first, then generated ones up to the configured count, then a few
 * instruments a collector of USDT linear perpetuals must reject (USDC perpetuals, dated futures, a pre-launch contract,
 * two items with a missing or non-numeric launchTime).
 *
 * <p>Each instrument's parameters come from a generator seeded by its own symbol, so BTCUSDT's candles are the same
 * whether the simulator lists 5 symbols or 600.
 */
final class SyntheticListings {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final double RECENT_LAUNCH_SHARE = 0.15;
    private static final double MICRO_PRICE_SHARE = 0.05;
    /** Perpetuals of large coins turn over a few percent of the coin's market cap a day. */
    private static final double WELL_KNOWN_DAILY_TURNOVER_SHARE = 0.02;
    private static final DateTimeFormatter DELIVERY_SUFFIX = DateTimeFormatter.ofPattern("ddMMMyy", Locale.ENGLISH);

    private final long seed;
    private final long now;
    private final long fullHistoryStart;

    private SyntheticListings(long seed, Instant now, int historyDays) {
        this.seed = seed;
        this.now = now.toEpochMilli();
        this.fullHistoryStart = onTheHour(this.now - historyDays * DAY);
    }

    static List<Instrument> create(int count, int historyDays, long seed, Instant now) {
        return count <= 0 ? List.of() : new SyntheticListings(seed, now, historyDays).create(count);
    }

    private List<Instrument> create(int count) {
        List<Instrument> instruments = new ArrayList<>();
        List<WellKnownAssets.Asset> wellKnown = WellKnownAssets.ALL.subList(0, Math.min(count, WellKnownAssets.ALL.size()));
        for (WellKnownAssets.Asset asset : wellKnown) {
            double contractPrice = asset.coinPriceUsd() * BaseAsset.parse(asset.baseCoin()).multiplier();
            instruments.add(perpetual(asset.baseCoin(), "USDT", contractPrice, fullHistoryStart));
        }
        SyntheticNames names = new SyntheticNames(Seeds.mix(seed, "listing-names"),
                WellKnownAssets.ALL.stream().map(a -> BaseAsset.parse(a.baseCoin()).coin()).collect(Collectors.toSet()));
        for (int i = wellKnown.size(); i < count; i++) {
            instruments.add(generatedPerpetual(names.next()));
        }
        instruments.addAll(instrumentsToFilterOut(names));
        return instruments;
    }

    private Instrument generatedPerpetual(String baseCoin) {
        SplittableRandom random = randomFor(baseCoin + "USDT");
        double price = random.nextDouble() < MICRO_PRICE_SHARE
                ? logUniform(random, 1e-7, 1e-5)
                : logUniform(random, 1e-3, 200);
        long earliestRecentLaunch = fullHistoryStart + DAY;
        long latestRecentLaunch = now - 6 * HOUR;
        boolean launchedRecently = random.nextDouble() < RECENT_LAUNCH_SHARE && latestRecentLaunch > earliestRecentLaunch;
        long launch = launchedRecently
                ? onTheHour(earliestRecentLaunch + (long) (random.nextDouble() * (latestRecentLaunch - earliestRecentLaunch)))
                : fullHistoryStart;
        return perpetual(baseCoin, "USDT", price, launch);
    }

    private List<Instrument> instrumentsToFilterOut(SyntheticNames names) {
        double btcPrice = WellKnownAssets.byBaseCoin("BTC").coinPriceUsd();
        double ethPrice = WellKnownAssets.byBaseCoin("ETH").coinPriceUsd();
        long delivery = lastFridayOfMonthAfterNext();
        String expiry = DELIVERY_SUFFIX.format(Instant.ofEpochMilli(delivery).atOffset(ZoneOffset.UTC))
                .toUpperCase(Locale.ROOT);
        return List.of(
                // USDC-settled perpetuals use Bybit's PERP naming.
                listing("BTCPERP", "BTC", "USDC", btcPrice, fullHistoryStart),
                listing("ETHPERP", "ETH", "USDC", ethPrice, fullHistoryStart),
                listing("BTC-" + expiry, "BTC", "USDC", btcPrice, fullHistoryStart).asFuture(delivery),
                listing("BTCUSDT-" + expiry, "BTC", "USDT", btcPrice, fullHistoryStart).asFuture(delivery),
                perpetual(names.next(), "USDT", 0.5, onTheHour(now + 3 * DAY)).withStatus(Instrument.Status.PreLaunch),
                perpetual(names.next(), "USDT", 0.5, fullHistoryStart).withLaunchTimeOnWire(null),
                perpetual(names.next(), "USDT", 0.5, fullHistoryStart).withLaunchTimeOnWire("pending"));
    }

    private Instrument perpetual(String baseCoin, String quoteCoin, double price, long launchTime) {
        return listing(baseCoin + quoteCoin, baseCoin, quoteCoin, price, launchTime);
    }

    private Instrument listing(String symbol, String baseCoin, String quoteCoin, double price, long launchTime) {
        SplittableRandom random = randomFor(symbol);
        double dailyVolatility = 0.02 + 0.05 * random.nextDouble();
        WellKnownAssets.Asset wellKnown = WellKnownAssets.byBaseCoin(baseCoin);
        double dailyTurnover = wellKnown != null
                ? wellKnown.marketCapUsd() * WELL_KNOWN_DAILY_TURNOVER_SHARE
                : logUniform(random, 2e5, 5e8);
        int priceScale = priceScale(price);
        int qtyScale = qtyScale(price);
        CandleSeries candles = new SyntheticCandleSeries(Seeds.mix(seed, symbol), launchTime, price, dailyVolatility,
                dailyTurnover, priceScale, Math.max(0, qtyScale));
        return Instrument.perpetual(symbol, baseCoin, quoteCoin, launchTime, priceScale, qtyScale, price, candles);
    }

    private SplittableRandom randomFor(String symbol) {
        return new SplittableRandom(Seeds.mix(seed, symbol));
    }

    /** About six significant digits, as exchanges size ticks: 65000 -> 0.1, 0.0105 -> 0.0000001, 1.2e-6 -> 1e-11. */
    static int priceScale(double price) {
        return Math.max(0, Math.min(12, 6 - (int) Math.ceil(StrictMath.log10(price))));
    }

    /** A quantity step worth roughly 50 USD: 65000 -> 0.001, 0.5 -> 100 (scale -2). */
    static int qtyScale(double price) {
        return -(int) Math.round(StrictMath.log10(50 / price));
    }

    private long lastFridayOfMonthAfterNext() {
        LocalDate month = Instant.ofEpochMilli(now).atOffset(ZoneOffset.UTC).toLocalDate().plusMonths(2);
        return month.with(TemporalAdjusters.lastInMonth(DayOfWeek.FRIDAY)).atTime(8, 0)
                .toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Exchanges list new contracts on the hour, which also keeps every launch on the 5m grid. */
    private static long onTheHour(long time) {
        return Math.floorDiv(time, HOUR) * HOUR;
    }

    private static double logUniform(SplittableRandom random, double min, double max) {
        return StrictMath.exp(StrictMath.log(min) + random.nextDouble() * (StrictMath.log(max) - StrictMath.log(min)));
    }
}
