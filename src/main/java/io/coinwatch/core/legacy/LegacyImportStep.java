package io.coinwatch.core.legacy;

import java.util.List;

/**
 * The import of one legacy table, implemented by the role that owns the Coinwatch tables it writes (market data:
 * symbols and klines; fundamental data: tokens, platforms, metrics, sentiment). The coordinator runs the steps of
 * the roles this process runs, in {@link #position()} order.
 */
public interface LegacyImportStep {

    /** Schema-qualified legacy table, e.g. market_data.kline_data. */
    String table();

    /** Import order: a step may rely on the steps before it (klines on symbols). */
    int position();

    /** The legacy columns the step reads; checked for every step before anything is written. */
    List<String> columns();

    /** SQL counting the rows the step will read (the 100% of its progress). */
    String countQuery();

    /** Imports the table in pages from the run's cursor, reporting every page to the run. */
    void run(LegacyTableRun run);
}
