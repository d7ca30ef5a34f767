package io.coinwatch.marketdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;

import io.coinwatch.core.legacy.LegacyTableRun;

/**
 * Reads the legacy klines on a thread of its own while the importer stores the pages before: one COPY out of the
 * legacy snapshot per page of the run's page size (symbol by symbol from the cursor, by open time), each checked into
 * a {@link LegacyKlinePage}, at most {@link #AHEAD} pages ahead of the importer. Reading, checking and writing then
 * overlap instead of taking turns.
 */
final class LegacyKlineReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LegacyKlineReader.class);
    private static final int AHEAD = 2;
    private static final String QUERY = query();
    private static final Object END = new Object();

    private final LegacyTableRun run;
    private final List<LegacyKlineSymbol> symbols;
    private final CandleValidator validator;
    private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    LegacyKlineReader(LegacyTableRun run, List<LegacyKlineSymbol> symbols, CandleValidator validator) {
        this.run = run;
        this.symbols = symbols;
        this.validator = validator;
        this.thread = new Thread(this::readAll, "legacy-kline-reader");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The next page in symbol and time order, null after the last; the reader's failure, if it failed. */
    LegacyKlinePage next() {
        Object page;
        try {
            page = pages.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the legacy klines", e);
        }
        if (page == END) {
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        return (LegacyKlinePage) page;
    }

    /** Stops reading (the importer failed, or is done) and waits for the thread: the legacy connection is free again. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        pages.clear();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("The legacy kline reader did not stop within 60 s");
        }
    }

    private void readAll() {
        try {
            for (LegacyKlineSymbol symbol : symbols) {
                if (!read(symbol)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            failure = e;
        }
        if (!stopped) {
            try {
                pages.put(END);
            } catch (InterruptedException e) {
                // Stopped meanwhile: nobody waits for the end.
            }
        }
    }

    /**
     * One symbol's klines, a COPY per page: keyset (after the last open time read) with LIMIT, so PostgreSQL walks the
     * index in order; one COPY of a whole symbol was sorted first, on disk, before its first row came. False when
     * stopped.
     */
    private boolean read(LegacyKlineSymbol symbol) throws InterruptedException {
        // COPY takes no parameters: the bounds are a long, or the open time text the page parsed (digits, - : . and space).
        String after = symbol.after() == Long.MIN_VALUE ? "'-infinity'"
                : "timestamptz 'epoch' + " + symbol.after() + " * interval '1 millisecond'";
        while (true) {
            LegacyKlinePage page = new LegacyKlinePage(run, symbol, run.pageSize(), validator.lastClosedOpenTime());
            CopyOut copy = run.copyOut(String.format(QUERY, symbol.legacyId(), after, run.pageSize()));
            try {
                for (byte[] row = copy.readFromCopy(); row != null; row = copy.readFromCopy()) {
                    if (stopped) {
                        return false;
                    }
                    page.add(row);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading the klines of legacy symbol " + symbol.legacyId() + " failed: " + e.getMessage(), e);
            } finally {
                if (copy.isActive()) {
                    cancel(copy);
                }
            }
            if (page.read() > 0) {
                pages.put(page);
            }
            if (page.read() < run.pageSize()) {
                return true;
            }
            after = "timestamptz '" + page.lastOpenTimeUtc() + "+00'";
        }
    }

    private static void cancel(CopyOut copy) {
        try {
            copy.cancelCopy();
        } catch (SQLException e) {
            // The run is ending anyway; its connection is rolled back and closed.
            log.debug("Cancelling the legacy kline COPY: {}", e.getMessage());
        }
    }

    private static String query() {
        try {
            return new ClassPathResource("legacy/kline-copy.sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
