package io.coinwatch.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the exchange simulator, prefix {@code coinwatch.simulator}. Defaults in brackets.
 *
 * <ul>
 *   <li>{@code enabled} [false]: start the simulator inside the application (see {@link SimulatorConfiguration}).</li>
 *   <li>{@code port} [0]: TCP port; 0 picks a free one, readable from {@link SimulatorServer#port()} after start.</li>
 *   <li>{@code bind-address} [127.0.0.1]: interface to listen on; 0.0.0.0 to reach it from other hosts or containers.</li>
 *   <li>{@code symbols} [600]: number of synthetic USDT linear perpetuals. Above 500 so Bybit's instruments-info needs
 *       cursor paging. With any synthetic symbols a few instruments a collector must filter out are added too (USDC
 *       perpetuals, dated futures, a PreLaunch contract, two with a broken launchTime). 0 serves replay files only.</li>
 *   <li>{@code history-days} [30]: days of 5m history before start-up for most synthetic symbols; some launch later.</li>
 *   <li>{@code replay-dir} [none]: directory of {@code <SYMBOL>.csv} files (header
 *       {@code openTime,open,high,low,close,volume,turnover}, openTime in epoch ms) served verbatim; a file wins over a
 *       synthetic symbol of the same name.</li>
 *   <li>{@code seed} [42]: everything synthetic (names, launch times, candles, CoinGecko data) derives from it.</li>
 *   <li>{@code threads} [8]: request-handling threads.</li>
 *   <li>{@code request-log-capacity} [10000]: how many recent requests {@link RequestLog} keeps with timestamps;
 *       its counters are exact regardless.</li>
 *   <li>{@code limits.bybit-requests-per-window} [600], {@code limits.bybit-window} [5s]: Bybit's IP limit, always
 *       counted and reported in X-Bapi-Limit headers.</li>
 *   <li>{@code limits.bybit-ban} [10m]: how long Bybit answers 403 after the enforced IP limit was exceeded.</li>
 *   <li>{@code limits.binance-weight-per-minute} [6000]: Binance REQUEST_WEIGHT, reported in X-MBX-USED-WEIGHT-1M
 *       (klines cost 2, exchangeInfo 20).</li>
 *   <li>{@code limits.binance-ban} [2m]: the 418 ban that follows a request sent after a 429 in the same window.</li>
 *   <li>{@code limits.coingecko-calls-per-minute} [0 = unlimited]: above it CoinGecko answers 429 with Retry-After.</li>
 *   <li>{@code faults.enforce-rate-limits} [false]: turn the Bybit and Binance limits above from reported into
 *       enforced (Bybit 403 ban; Binance 429, then 418 ban). Also switchable at runtime.</li>
 *   <li>{@code faults.missing-candles} [empty]: candles the exchange never has, as {@code SYMBOL@openTime} or
 *       {@code SYMBOL@from..to} (inclusive; epoch ms or ISO-8601 instants), comma-separated, e.g.
 *       {@code BTCUSDT@1748779200000,ETHUSDT@2025-06-01T00:00:00Z..2025-06-01T02:00:00Z}.</li>
 *   <li>{@code faults.invalid-candles} [empty]: same format; these candles are served with their high below their low.</li>
 *   <li>{@code faults.delisted} [empty]: symbols missing from instruments-info and exchangeInfo (klines still served).</li>
 *   <li>{@code faults.latency} [0ms]: added to every response, e.g. 250ms to mimic a distant exchange.</li>
 * </ul>
 */
@ConfigurationProperties(SimulatorProperties.PREFIX)
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("0") int port,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("600") int symbols,
        @DefaultValue("30") int historyDays,
        Path replayDir,
        @DefaultValue("42") long seed,
        @DefaultValue("8") int threads,
        @DefaultValue("10000") int requestLogCapacity,
        @DefaultValue Limits limits,
        @DefaultValue Faults faults) {

    public static final String PREFIX = "coinwatch.simulator";

    public record Limits(
            @DefaultValue("600") int bybitRequestsPerWindow,
            @DefaultValue("5s") Duration bybitWindow,
            @DefaultValue("10m") Duration bybitBan,
            @DefaultValue("6000") int binanceWeightPerMinute,
            @DefaultValue("2m") Duration binanceBan,
            @DefaultValue("0") int coingeckoCallsPerMinute) {
    }

    public record Faults(
            @DefaultValue("false") boolean enforceRateLimits,
            List<String> missingCandles,
            List<String> invalidCandles,
            List<String> delisted,
            @DefaultValue("0ms") Duration latency) {

        public Faults {
            missingCandles = missingCandles == null ? List.of() : List.copyOf(missingCandles);
            invalidCandles = invalidCandles == null ? List.of() : List.copyOf(invalidCandles);
            delisted = delisted == null ? List.of() : List.copyOf(delisted);
        }
    }

    /**
     * Binds settings outside a Spring context (tests, {@link SimulatorMain}) with the same rules and defaults as the
     * application. Keys are relative to the prefix, e.g. {@code symbols} or {@code faults.missing-candles}.
     */
    public static SimulatorProperties of(Map<String, ?> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("", SimulatorProperties.class);
    }
}
