package io.coinwatch.marketdata.indicator;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.coinwatch.marketdata.indicator.InvalidIndicatorRequestException.UNKNOWN_INDICATOR;

/**
 * An indicator request of the gateway API ({@code /market-data/indicators/{symbol}/{name}?period=&fast=&slow=
 * &signal=&stddev=&slowk=&slowd=}), validated, with DESIGN.md's defaults applied. The gateway parses HTTP only: it
 * builds this from the path name and the query map, reads {@link #warmup()} candles before the requested start and
 * renders {@link #compute(PriceSeries, long)}.
 *
 * <p>Parameters per indicator (others are ignored and not echoed in params):
 * <ul>
 *   <li>rsi: period (14); sma: period (20); ema: period (20); atr: period (14); obv: none</li>
 *   <li>macd: fast (12), slow (26), signal (9), with fast &lt; slow</li>
 *   <li>bbands: period (20), stddev (2.0, any number &gt; 0)</li>
 *   <li>stoch: period = fast %K window (14), slowk = %K smoothing (3), slowd = %D smoothing (3)</li>
 * </ul>
 * Every window length is an integer from 2 to 500. Invalid input raises {@link InvalidIndicatorRequestException}
 * with code unknown_indicator or invalid_parameter.
 */
public final class IndicatorRequest {

    /** The indicator names the API accepts, in DESIGN.md's order. */
    public static final List<String> NAMES = List.of(Rsi.NAME, Macd.NAME, BollingerBands.NAME, Sma.NAME, Ema.NAME,
            OnBalanceVolume.NAME, AverageTrueRange.NAME, Stochastic.NAME);

    private final Indicator indicator;

    private IndicatorRequest(Indicator indicator) {
        this.indicator = indicator;
    }

    /**
     * @param name  the indicator name from the path, case-insensitive
     * @param query the raw query parameters (null counts as none); absent ones take their defaults
     * @throws InvalidIndicatorRequestException for an unknown name or an invalid parameter value
     */
    public static IndicatorRequest of(String name, Map<String, String> query) {
        Parameters parameters = new Parameters(query == null ? Map.of() : query);
        String normalized = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        Indicator indicator = switch (normalized) {
            case Rsi.NAME -> new Rsi(parameters.period("period", Rsi.DEFAULT_PERIOD));
            case Macd.NAME -> new Macd(parameters.period("fast", Macd.DEFAULT_FAST),
                    parameters.period("slow", Macd.DEFAULT_SLOW), parameters.period("signal", Macd.DEFAULT_SIGNAL));
            case BollingerBands.NAME -> new BollingerBands(parameters.period("period", BollingerBands.DEFAULT_PERIOD),
                    parameters.positive("stddev", BollingerBands.DEFAULT_STDDEV));
            case Sma.NAME -> new Sma(parameters.period("period", Sma.DEFAULT_PERIOD));
            case Ema.NAME -> new Ema(parameters.period("period", Ema.DEFAULT_PERIOD));
            case OnBalanceVolume.NAME -> new OnBalanceVolume();
            case AverageTrueRange.NAME -> new AverageTrueRange(parameters.period("period",
                    AverageTrueRange.DEFAULT_PERIOD));
            case Stochastic.NAME -> new Stochastic(parameters.period("period", Stochastic.DEFAULT_PERIOD),
                    parameters.period("slowk", Stochastic.DEFAULT_SLOWK),
                    parameters.period("slowd", Stochastic.DEFAULT_SLOWD));
            default -> throw new InvalidIndicatorRequestException(UNKNOWN_INDICATOR, "Unknown indicator '" + name
                    + "'. Valid indicators: " + String.join(", ", NAMES) + ".");
        };
        return new IndicatorRequest(indicator);
    }

    public Indicator indicator() {
        return indicator;
    }

    public String name() {
        return indicator.name();
    }

    public Map<String, Object> params() {
        return indicator.params();
    }

    /** See {@link Indicator#lookback()}. */
    public int lookback() {
        return indicator.lookback();
    }

    /** See {@link Indicator#warmup()}; {@link Indicator#FULL_HISTORY} for obv. */
    public int warmup() {
        return indicator.warmup();
    }

    /** All defined values of the series. */
    public IndicatorResult compute(PriceSeries series) {
        return compute(series, Long.MIN_VALUE);
    }

    /**
     * The defined values from {@code fromOpenTime} on: the series includes the warm-up candles before the requested
     * start, the result only the requested range.
     */
    public IndicatorResult compute(PriceSeries series, long fromOpenTime) {
        return new IndicatorResult(name(), params(), indicator.compute(series).rowsFrom(fromOpenTime));
    }
}
