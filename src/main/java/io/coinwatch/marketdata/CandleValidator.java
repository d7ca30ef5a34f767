package io.coinwatch.marketdata;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.coinwatch.core.model.Candle;

/**
 * Decides which candles may be stored: OHLC invariants, no negative value, open time on the 5m grid, inside the
 * requested window, and closed (an open candle's close is only the last price). The rest of a page is kept.
 */
@Component("candleValidator")
public class CandleValidator {

    /** The reason of a candle that is dropped without quarantine: it is collected once it closes. */
    static final String NOT_CLOSED = "not closed yet";

    private final Clock clock;

    public CandleValidator(Clock clock) {
        this.clock = clock;
    }

    /** Splits a page into storable candles and rejected ones, with the reason for each rejection. */
    public KlinePage validate(KlinePage page, long windowStart, long windowEnd) {
        long lastClosed = lastClosedOpenTime();
        List<Candle> valid = new ArrayList<>(page.candles().size());
        List<RejectedCandle> rejected = new ArrayList<>(page.rejected());
        long previous = Long.MIN_VALUE;
        for (Candle c : page.candles()) {
            String reason = problem(c, windowStart, windowEnd, lastClosed);
            if (reason == null && c.openTime() == previous) {
                reason = "duplicate open time in one response";
            }
            if (reason == null) {
                valid.add(c);
                previous = c.openTime();
            } else if (!reason.equals(NOT_CLOSED)) {
                rejected.add(new RejectedCandle(c.openTime(), c.toString(), reason));
            }
        }
        return new KlinePage(valid, rejected);
    }

    /** Open time of the newest closed candle now: a later one is {@link #NOT_CLOSED}. */
    long lastClosedOpenTime() {
        return CandleInterval.lastClosedOpenTime(clock.millis());
    }

    /** Why the candle may not be stored ({@link #NOT_CLOSED}: not yet), or null when it may. */
    static String problem(Candle c, long windowStart, long windowEnd, long lastClosed) {
        if (Math.floorMod(c.openTime(), CandleInterval.BASE_MILLIS) != 0) {
            return "open time " + c.openTime() + " is not on the 5m grid";
        }
        if (c.openTime() > lastClosed) {
            // Expected for the newest row of a response: it is collected once it closes, never stored before.
            return NOT_CLOSED;
        }
        if (c.openTime() < windowStart || c.openTime() > windowEnd) {
            return "open time " + c.openTime() + " outside the requested window";
        }
        if (negative(c.open()) || negative(c.high()) || negative(c.low()) || negative(c.close())
                || negative(c.volume()) || negative(c.turnover())) {
            return "negative value";
        }
        if (c.high().compareTo(c.low()) < 0) {
            return "high " + c.high() + " below low " + c.low();
        }
        if (c.high().compareTo(c.open().max(c.close())) < 0) {
            return "high " + c.high() + " below open/close";
        }
        if (c.low().compareTo(c.open().min(c.close())) > 0) {
            return "low " + c.low() + " above open/close";
        }
        return null;
    }

    private static boolean negative(BigDecimal value) {
        return value.signum() < 0;
    }
}
