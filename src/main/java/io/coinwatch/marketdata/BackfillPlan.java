package io.coinwatch.marketdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * One symbol's backfill in flight: its pages and which of them are done. Pages finish out of order (they run in
 * parallel), so the persisted resume point only moves over the contiguous prefix of finished pages.
 */
public final class BackfillPlan {

    private final MarketSymbol symbol;
    private final long rangeStart;
    private final long rangeEnd;
    private final List<PageRequest> pages;
    private final TreeSet<Long> finishedStarts = new TreeSet<>();
    private final long startedNanos = System.nanoTime();
    private long resumeFrom;
    private long written;
    private int finished;

    BackfillPlan(MarketSymbol symbol, long rangeStart, long rangeEnd, long resumeFrom) {
        this.symbol = symbol;
        this.rangeStart = rangeStart;
        this.rangeEnd = rangeEnd;
        this.resumeFrom = resumeFrom;
        List<PageRequest> list = new ArrayList<>();
        for (long start = resumeFrom; start <= rangeEnd; start += PageRequest.MAX_CANDLES * CandleInterval.BASE_MILLIS) {
            long end = Math.min(rangeEnd, start + (PageRequest.MAX_CANDLES - 1) * CandleInterval.BASE_MILLIS);
            list.add(new PageRequest(symbol.id(), symbol.exchange(), symbol.symbol(), start, end));
        }
        this.pages = Collections.unmodifiableList(list);
    }

    public MarketSymbol symbol() {
        return symbol;
    }

    public List<PageRequest> pages() {
        return pages;
    }

    long rangeStart() {
        return rangeStart;
    }

    long rangeEnd() {
        return rangeEnd;
    }

    /** Where a run stands after a page: the resume point (first open time not yet known stored) and the counts. */
    record Checkpoint(long resumeFrom, int finishedPages, long written, double fraction, long etaSeconds) {
    }

    /** Records a finished page; returns the progress as of that page, taken together so log lines stay consistent. */
    synchronized Checkpoint finish(PageResult result) {
        finishedStarts.add(result.request().start());
        written += result.written();
        finished++;
        while (!finishedStarts.isEmpty() && finishedStarts.first() == resumeFrom) {
            finishedStarts.pollFirst();
            resumeFrom = Math.min(rangeEnd + CandleInterval.BASE_MILLIS,
                    resumeFrom + PageRequest.MAX_CANDLES * CandleInterval.BASE_MILLIS);
        }
        return new Checkpoint(resumeFrom, finished, written, fraction(), etaSeconds());
    }

    synchronized long written() {
        return written;
    }

    /** Share of the whole range (not just this run) that is stored. */
    synchronized double fraction() {
        long total = rangeEnd + CandleInterval.BASE_MILLIS - rangeStart;
        long done = resumeFrom - rangeStart + (long) finishedStarts.size() * PageRequest.MAX_CANDLES * CandleInterval.BASE_MILLIS;
        return total <= 0 ? 1.0 : Math.min(1.0, done / (double) total);
    }

    /** Seconds left at the pace of this run so far. */
    synchronized long etaSeconds() {
        if (finished == 0) {
            return -1;
        }
        double perPage = (System.nanoTime() - startedNanos) / 1e9 / finished;
        return Math.round(perPage * (pages.size() - finished));
    }
}
