package io.coinwatch.simulator;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A thread-safe set of inclusive [from, to] millisecond ranges, merged on insert so a lookup is one floor search
 * however many single candles or long outages were added.
 */
final class TimeRanges {

    private final NavigableMap<Long, Long> endByStart = new TreeMap<>();

    synchronized void add(long from, long to) {
        if (from > to) {
            throw new IllegalArgumentException("range starts after it ends: " + from + ".." + to);
        }
        long start = from;
        long end = to;
        Map.Entry<Long, Long> before = endByStart.floorEntry(from);
        if (before != null && before.getValue() >= from) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (Map.Entry<Long, Long> overlapped = endByStart.ceilingEntry(start);
             overlapped != null && overlapped.getKey() <= end;
             overlapped = endByStart.ceilingEntry(start)) {
            end = Math.max(end, overlapped.getValue());
            endByStart.remove(overlapped.getKey());
        }
        endByStart.put(start, end);
    }

    synchronized boolean contains(long time) {
        Map.Entry<Long, Long> candidate = endByStart.floorEntry(time);
        return candidate != null && candidate.getValue() >= time;
    }
}
