package io.coinwatch.marketdata;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventEnvelope;
import io.coinwatch.core.messaging.InvalidEventException;
import io.coinwatch.marketdata.indicator.IndicatorRequest;

/**
 * Keeps the latest value of every default indicator per symbol and interval (table indicator_latest) when
 * market.updated says a symbol's candles changed. Values come from the last {@code latest-window} buckets: enough
 * for every default to converge; OBV there is a running total over that window, not over the whole history.
 */
@Component("indicatorCalculation")
public class IndicatorCalculation {

    private final SymbolCatalog symbols;
    private final IndicatorQuery indicators;
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final List<CandleInterval> intervals;
    private final int window;

    public IndicatorCalculation(SymbolCatalog symbols, IndicatorQuery indicators, JdbcTemplate jdbc, ObjectMapper mapper,
                                @Value("${coinwatch.market-data.indicators.intervals:5m,1h,4h,1d}") List<String> intervals,
                                @Value("${coinwatch.market-data.indicators.latest-window:400}") int window) {
        this.symbols = symbols;
        this.indicators = indicators;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.intervals = intervals.stream().map(i -> CandleInterval.parse(i.trim())
                .orElseThrow(() -> new IllegalArgumentException("coinwatch.market-data.indicators.intervals: unknown interval " + i))).toList();
        this.window = window;
    }

    /** Returns how many latest values were written. */
    public int onMarketUpdated(EventEnvelope event) {
        String exchange = event.text("exchange", "bybit");
        String name = event.text("symbol");
        MarketSymbol symbol = symbols.find(exchange, name)
                .orElseThrow(() -> new InvalidEventException("market.updated for unknown symbol " + exchange + ":" + name));
        long from = event.number("from", Long.MIN_VALUE);
        long to = event.number("to", Long.MAX_VALUE);
        int written = 0;
        for (CandleInterval interval : intervals) {
            if (!closesABucket(interval, from, to)) {
                continue; // no bucket of this interval completed: its latest values cannot have changed
            }
            for (String indicator : IndicatorRequest.NAMES) {
                Map<String, Object> latest = indicators.latest(symbol, interval, IndicatorRequest.of(indicator, Map.of()), window);
                if (latest != null) {
                    long openTime = ((Number) latest.remove("openTime")).longValue();
                    jdbc.update("""
                            INSERT INTO indicator_latest (symbol_id, interval, indicator, open_time, fields) VALUES (?, ?, ?, ?, ?::jsonb)
                            ON CONFLICT (symbol_id, interval, indicator) DO UPDATE
                                SET open_time = EXCLUDED.open_time, fields = EXCLUDED.fields, computed_at = now()""",
                            symbol.id(), interval.code(), indicator, Timestamp.from(Instant.ofEpochMilli(openTime)), json(latest));
                    written++;
                }
            }
        }
        return written;
    }

    /** Whether the 5m candles from..to (open times) include the last candle of some bucket of the interval. */
    static boolean closesABucket(CandleInterval interval, long from, long to) {
        if (from == Long.MIN_VALUE || to == Long.MAX_VALUE || interval.isBase()) {
            return true;
        }
        long lastCandleOfBucket = KlineQuery.bucketOf(to + CandleInterval.BASE_MILLIS, interval.millis()) - CandleInterval.BASE_MILLIS;
        return lastCandleOfBucket >= from;
    }

    /** Every active symbol's latest value of one indicator on one interval. */
    public List<Map<String, Object>> screen(String exchange, CandleInterval interval, String indicator) {
        return jdbc.query("""
                SELECT s.symbol, l.open_time, l.fields::text FROM indicator_latest l JOIN symbol s ON s.id = l.symbol_id
                WHERE s.exchange = ? AND s.active AND l.interval = ? AND l.indicator = ? ORDER BY s.symbol""",
                (rs, i) -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("symbol", rs.getString(1));
                    row.put("openTime", rs.getTimestamp(2).getTime());
                    row.putAll(read(rs.getString(3)));
                    return row;
                }, exchange, interval.code(), indicator);
    }

    private String json(Map<String, Object> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
