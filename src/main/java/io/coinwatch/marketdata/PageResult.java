package io.coinwatch.marketdata;

/** What one page wrote: new rows, rows received, rows quarantined. */
public record PageResult(PageRequest request, int received, int written, int rejected) {
}
