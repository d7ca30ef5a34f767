package io.coinwatch.marketdata;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.coinwatch.core.legacy.LegacyImportProgress;
import io.coinwatch.core.messaging.EventEnvelope;
import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.messaging.InvalidEventException;
import io.coinwatch.core.metrics.PipelineMetrics;
import io.coinwatch.core.roles.InstanceIdentity;

/**
 * Plans, tracks and finishes symbol backfills for the kline-backfill route: from launch (or the retention horizon)
 * to the last closed candle, resuming from the persisted progress, with progress logged as percentage and ETA.
 */
@Component("klineBackfill")
public class KlineBackfill {

    private static final Logger log = LoggerFactory.getLogger(KlineBackfill.class);

    private final JdbcTemplate jdbc;
    private final SymbolCatalog symbols;
    private final CandleStore candles;
    private final EventOutbox outbox;
    private final MarketDataProperties properties;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();
    private final LegacyImportProgress legacyImport;

    public KlineBackfill(JdbcTemplate jdbc, SymbolCatalog symbols, CandleStore candles, EventOutbox outbox,
                         MarketDataProperties properties, PipelineMetrics metrics, Clock clock, InstanceIdentity identity,
                         LegacyImportProgress legacyImport) {
        this.legacyImport = legacyImport;
        this.clock = clock;
        this.jdbc = jdbc;
        this.symbols = symbols;
        this.candles = candles;
        this.outbox = outbox;
        this.properties = properties;
        this.metrics = metrics;
        this.owner = identity.instanceId();
    }

    /** The plan for a symbol.added or market.backfill.requested event; no pages when there is nothing to do. */
    public BackfillPlan plan(EventEnvelope event) {
        String exchange = event.text("exchange", "bybit");
        String symbolName = event.text("symbol");
        MarketSymbol symbol = symbols.find(exchange, symbolName)
                .orElseThrow(() -> new InvalidEventException("unknown symbol " + exchange + ":" + symbolName));
        return plan(symbol);
    }

    BackfillPlan plan(MarketSymbol symbol) {
        long rangeEnd = CandleInterval.lastClosedOpenTime(clock.millis());
        long rangeStart = rangeStart(symbol);
        // A symbol out of the collection scope (or delisted) is left as it is: collected again, it resumes from here.
        if (!symbol.active() || !symbol.collected() || !running.add(symbol.id())) {
            return new BackfillPlan(symbol, rangeStart, rangeStart - CandleInterval.BASE_MILLIS, rangeStart);
        }
        long resumeFrom = resumePoint(symbol.id(), rangeStart);
        BackfillPlan plan = new BackfillPlan(symbol, rangeStart, rangeEnd, resumeFrom);
        // Nothing to fetch (complete already, or not launched yet): done now, and not left marked as running here,
        // which would make every later request for the symbol a no-op.
        String status = plan.pages().isEmpty() ? "done" : "running";
        if (plan.pages().isEmpty()) {
            running.remove(symbol.id());
        }
        // The claim: a run another replica holds (running, its progress moved within stale-after: its lease) is left
        // to it; one whose lease ran out died with its process and is taken over from its persisted progress.
        boolean claimed = !jdbc.queryForList("""
                INSERT INTO backfill_progress (symbol_id, interval_minutes, range_start, range_end, next_open_time, status, owner)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (symbol_id) DO UPDATE SET range_start = EXCLUDED.range_start, range_end = EXCLUDED.range_end,
                    next_open_time = EXCLUDED.next_open_time, status = EXCLUDED.status, updated_at = now(), last_error = NULL,
                    owner = EXCLUDED.owner,
                    started_at = CASE WHEN backfill_progress.status = 'done' THEN now() ELSE backfill_progress.started_at END
                WHERE backfill_progress.status <> 'running' OR backfill_progress.updated_at < ?
                RETURNING symbol_id""", Integer.class,
                symbol.id(), CandleInterval.BASE_MINUTES, ts(rangeStart), ts(rangeEnd), ts(resumeFrom), status, owner, leaseExpiry()).isEmpty();
        if (!claimed) {
            running.remove(symbol.id());
            log.info("Backfill {}:{} is running in another replica", symbol.exchange(), symbol.symbol());
            return new BackfillPlan(symbol, rangeStart, rangeStart - CandleInterval.BASE_MILLIS, rangeStart);
        }
        log.info("Backfill {}:{} from {} to {}: {} pages{}", symbol.exchange(), symbol.symbol(), Instant.ofEpochMilli(resumeFrom),
                Instant.ofEpochMilli(rangeEnd), plan.pages().size(), resumeFrom > rangeStart ? " (resumed)" : "");
        return plan;
    }

    /** From launch, or from the retention horizon when that is later. */
    private long rangeStart(MarketSymbol symbol) {
        long rangeStart = CandleInterval.alignUp(symbol.launchTime());
        if (properties.retentionDays() > 0) {
            rangeStart = Math.max(rangeStart, CandleInterval.alignUp(clock.millis() - Duration.ofDays(properties.retentionDays()).toMillis()));
        }
        return rangeStart;
    }

    /**
     * After a legacy import stored a symbol's history up to {@code lastImported}: its next backfill starts right after
     * that candle (pending, so backfill-resume requests it), unless a backfill is running or already went further.
     * Holes inside the imported history are the gap audit's once that backfill is done.
     */
    public void continueAfterImport(MarketSymbol symbol, long lastImported) {
        long rangeStart = rangeStart(symbol);
        long next = Math.max(rangeStart, lastImported + CandleInterval.BASE_MILLIS);
        int changed = jdbc.update("""
                INSERT INTO backfill_progress (symbol_id, interval_minutes, range_start, range_end, next_open_time, status)
                VALUES (?, ?, ?, ?, ?, 'pending')
                ON CONFLICT (symbol_id) DO UPDATE SET range_start = EXCLUDED.range_start, range_end = EXCLUDED.range_end,
                    next_open_time = EXCLUDED.next_open_time, status = 'pending', updated_at = now(), last_error = NULL
                WHERE backfill_progress.status <> 'running' AND (backfill_progress.range_start <> EXCLUDED.range_start
                    OR backfill_progress.next_open_time < EXCLUDED.next_open_time)""",
                symbol.id(), CandleInterval.BASE_MINUTES, ts(rangeStart), ts(lastImported), ts(next));
        if (changed > 0) {
            log.info("Backfill {}:{} continues after the imported history, from {}", symbol.exchange(), symbol.symbol(),
                    Instant.ofEpochMilli(next));
        }
    }

    /**
     * Where a previous run stopped, if it covered the same start; else the range start. After a finished run the live
     * sync went on (until the symbol left the collection scope), so the history ends at the last stored candle.
     */
    private long resumePoint(int symbolId, long rangeStart) {
        List<Map<String, Object>> progress = jdbc.queryForList(
                "SELECT next_open_time, status FROM backfill_progress WHERE symbol_id = ? AND range_start = ?", symbolId, ts(rangeStart));
        if (progress.isEmpty()) {
            return rangeStart;
        }
        long next = Math.max(rangeStart, ((Timestamp) progress.get(0).get("next_open_time")).getTime());
        Long last = "done".equals(progress.get(0).get("status")) ? candles.lastOpenTime(symbolId) : null;
        return last == null ? next : Math.max(next, last + CandleInterval.BASE_MILLIS);
    }

    public void pageDone(BackfillPlan plan, PageResult result) {
        BackfillPlan.Checkpoint progress = plan.finish(result);
        jdbc.update("UPDATE backfill_progress SET next_open_time = GREATEST(next_open_time, ?), candles_written = candles_written + ?, "
                        + "updated_at = now() WHERE symbol_id = ?",
                ts(progress.resumeFrom()), result.written(), plan.symbol().id());
        int done = progress.finishedPages();
        int total = plan.pages().size();
        if (done == total || done % Math.max(1, total / 10) == 0) {
            log.info("Backfill {}: {}% ({}/{} pages, {} candles), ETA {} s", plan.symbol().symbol(),
                    String.format("%.1f", progress.fraction() * 100), done, total, progress.written(), progress.etaSeconds());
        }
    }

    public void finish(BackfillPlan plan) {
        if (plan.pages().isEmpty()) {
            return;
        }
        running.remove(plan.symbol().id());
        jdbc.update("UPDATE backfill_progress SET status = 'done', finished_at = now(), updated_at = now() WHERE symbol_id = ?",
                plan.symbol().id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exchange", plan.symbol().exchange());
        data.put("symbol", plan.symbol().symbol());
        data.put("interval", "5m");
        data.put("from", plan.pages().get(0).start());
        data.put("to", plan.rangeEnd());
        data.put("candles", plan.written());
        data.put("reason", "backfill");
        outbox.publish(EventTypes.MARKET_UPDATED, data);
        log.info("Backfill {}:{} done: {} candles written", plan.symbol().exchange(), plan.symbol().symbol(), plan.written());
    }

    public void failed(BackfillPlan plan, Exception error) {
        running.remove(plan.symbol().id());
        jdbc.update("UPDATE backfill_progress SET status = 'failed', last_error = ?, updated_at = now() WHERE symbol_id = ?",
                String.valueOf(error.getMessage()), plan.symbol().id());
        log.warn("Backfill {}:{} failed at {}%: {}", plan.symbol().exchange(), plan.symbol().symbol(),
                String.format("%.1f", plan.fraction() * 100), error.getMessage());
        metrics.error("kline-backfill", plan.symbol().exchange(), plan.symbol().symbol(), error);
    }

    /**
     * An operator's request to backfill a symbol again from its range start (POST /market-data/backfill/{symbol}): the
     * persisted resume point goes back to the start, so candles lost since the last run are fetched again (the store
     * keeps what it has), and the event is published through the outbox in the same transaction.
     */
    @Transactional
    public EventEnvelope request(MarketSymbol symbol) {
        jdbc.update("UPDATE backfill_progress SET next_open_time = range_start, status = 'pending', updated_at = now() WHERE symbol_id = ?",
                symbol.id());
        EventEnvelope event = outbox.publish(EventTypes.MARKET_BACKFILL_REQUESTED,
                Map.of("exchange", symbol.exchange(), "symbol", symbol.symbol(), "reason", "requested"));
        log.info("Backfill of {}:{} requested", symbol.exchange(), symbol.symbol());
        return event;
    }

    /**
     * Which first backfills wait for the legacy import, whose candles of a symbol would otherwise be fetched from the
     * exchange too, and whose {@link #continueAfterImport} leaves a running backfill alone (so it could not start the
     * backfill after the last imported candle). While a run has klines left: every symbol whose backfill never started
     * waits as long as the import's progress moved within stale-after (it is going on, or failed a moment ago and is
     * about to be resumed), and the symbols it added wait until it is done. Afterwards backfill-resume requests them.
     */
    public ImportWait importWait() {
        boolean unfinished = legacyImport.unfinished(LegacyKlineImport.TABLE);
        return new ImportWait(unfinished, unfinished && legacyImport.movedSince(leaseExpiry()));
    }

    /** See {@link #importWait}: whether the symbols the legacy import added wait, and whether every other one does. */
    public record ImportWait(boolean legacySymbols, boolean everySymbol) {

        /** Whether a symbol whose backfill never started waits. */
        public boolean holds(boolean addedByLegacyImport) {
            return everySymbol || addedByLegacyImport && legacySymbols;
        }
    }

    /**
     * Requests a backfill for every symbol whose last run did not finish and is not running right now, and for every
     * symbol whose backfill never started although it was found a while ago (its symbol.added may have been lost
     * with a broker that kept no messages, or parked while the database was away), unless it
     * {@linkplain #importWait waits for the legacy import}. Collected symbols only, best market-cap rank first.
     */
    public int resumeUnfinished() {
        Timestamp stale = leaseExpiry();
        ImportWait wait = importWait();
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT s.exchange, s.symbol FROM symbol s LEFT JOIN backfill_progress p ON p.symbol_id = s.id
                LEFT JOIN symbol_enrichment e ON e.exchange = s.exchange AND e.base_asset = s.base_asset
                WHERE s.active AND s.collected AND (p.status IN ('pending', 'failed') OR (p.status = 'running' AND p.updated_at < ?)
                                    OR (p.symbol_id IS NULL AND s.first_seen_at < ? AND NOT (? OR s.legacy_import AND ?)))
                ORDER BY e.market_cap_rank NULLS LAST, s.exchange, s.symbol""",
                stale, stale, wait.everySymbol(), wait.legacySymbols());
        for (Map<String, Object> row : rows) {
            outbox.publish(EventTypes.MARKET_BACKFILL_REQUESTED, Map.of("exchange", row.get("exchange"), "symbol", row.get("symbol"),
                    "reason", "resume"));
        }
        if (!rows.isEmpty()) {
            log.info("Resuming {} unfinished backfills", rows.size());
        }
        return rows.size();
    }

    /** Whether this symbol's backfill has finished, so the live sync may take over. */
    public Optional<Long> doneUntil(int symbolId) {
        return jdbc.queryForList("SELECT range_end FROM backfill_progress WHERE symbol_id = ? AND status = 'done'", Timestamp.class, symbolId)
                .stream().map(Timestamp::getTime).findFirst();
    }

    /** A running backfill whose progress has not moved since then has lost its lease (coinwatch.market-data.backfill.stale-after). */
    private Timestamp leaseExpiry() {
        return ts(clock.millis() - properties.backfill().staleAfter().toMillis());
    }

    private static Timestamp ts(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }
}
