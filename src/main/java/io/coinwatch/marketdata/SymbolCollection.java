package io.coinwatch.marketdata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * Which symbols are collected: {@link #apply} puts the configured {@link CollectionScope} into effect after each
 * discovery and enrichment, {@link #pin} and {@link #drop} are the operator's per-symbol choices, kept across restarts.
 * A symbol entering the scope, or collected but never backfilled, gets market.backfill.requested, best market-cap rank
 * first, so the most used history arrives first. Leaving the scope keeps candles and backfill progress: the backfill
 * of a symbol collected again resumes where its history ends. A first backfill may wait for the legacy import
 * ({@link KlineBackfill#importWait}).
 */
@Component("symbolCollection")
@ConditionalOnRole(Role.MARKET_DATA)
public class SymbolCollection {

    private static final Logger log = LoggerFactory.getLogger(SymbolCollection.class);

    /** A stored symbol with what its decision needs and what it was before. */
    private record Row(CollectionScope.Candidate candidate, boolean collected, String reason, boolean backfillStarted,
                       boolean legacyImport) {
    }

    private final JdbcTemplate jdbc;
    private final EventOutbox outbox;
    private final Environment environment;
    private final CollectionScopeReport report;
    private final KlineBackfill backfill;

    public SymbolCollection(JdbcTemplate jdbc, EventOutbox outbox, Environment environment, CollectionScopeReport report,
                            KlineBackfill backfill) {
        this.jdbc = jdbc;
        this.backfill = backfill;
        this.outbox = outbox;
        this.environment = environment;
        this.report = report;
    }

    /** Decides every symbol of the exchange again; returns the symbols whose backfill it requested, in that order. */
    @Transactional
    public List<String> apply(String exchange) {
        CollectionScope scope = CollectionScope.read(environment, exchange);
        List<Row> rows = jdbc.query("""
                SELECT s.symbol, s.active, s.collection_override, e.base_asset IS NOT NULL, e.coin_id, e.market_cap_rank,
                       e.mapping_detail, s.collected, s.collection_reason, p.symbol_id IS NOT NULL, s.legacy_import
                FROM symbol s
                LEFT JOIN symbol_enrichment e ON e.exchange = s.exchange AND e.base_asset = s.base_asset
                LEFT JOIN backfill_progress p ON p.symbol_id = s.id
                WHERE s.exchange = ? ORDER BY s.symbol""",
                (rs, i) -> new Row(new CollectionScope.Candidate(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5), rs.getObject(6, Integer.class), rs.getString(7)), rs.getBoolean(8), rs.getString(9), rs.getBoolean(10),
                        rs.getBoolean(11)),
                exchange);
        List<CollectionScope.Candidate> candidates = rows.stream().map(Row::candidate).toList();
        List<String> unknown = scope.unknown(candidates);
        report.unknownSymbols(exchange, unknown);
        if (!unknown.isEmpty()) {
            log.warn("coinwatch.exchanges.{}.collect names symbols {} does not list: {} (ignored)", exchange, exchange, unknown);
        }
        Map<String, CollectionScope.Decision> decisions = scope.decide(candidates);
        List<CollectionScope.Candidate> toBackfill = new ArrayList<>();
        KlineBackfill.ImportWait importWait = backfill.importWait();
        int in = 0;
        for (Row row : rows) {
            CollectionScope.Decision decision = decisions.get(row.candidate().symbol());
            if (decision.collected()) {
                in++;
            }
            if (decision.collected() != row.collected() || !Objects.equals(decision.reason(), row.reason())) {
                jdbc.update("UPDATE symbol SET collected = ?, collection_reason = ?, updated_at = now() WHERE exchange = ? AND symbol = ?",
                        decision.collected(), decision.reason(), exchange, row.candidate().symbol());
            }
            boolean due = row.backfillStarted() ? !row.collected() : !importWait.holds(row.legacyImport());
            if (decision.collected() && row.candidate().active() && due) {
                toBackfill.add(row.candidate());
            }
        }
        toBackfill.sort(Comparator.comparing((CollectionScope.Candidate c) -> c.marketCapRank() == null ? Integer.MAX_VALUE : c.marketCapRank())
                .thenComparing(CollectionScope.Candidate::symbol));
        toBackfill.forEach(c -> requestBackfill(exchange, c.symbol()));
        log.info("Collection scope on {}: {} of {} symbols collected, {} backfills requested", exchange, in, rows.size(), toBackfill.size());
        return toBackfill.stream().map(CollectionScope.Candidate::symbol).toList();
    }

    /** Collects the symbol whatever the scope says; a symbol not collected until now resumes its backfill. */
    @Transactional
    public MarketSymbol pin(MarketSymbol symbol) {
        override(symbol, "pinned", true, "pinned by an operator");
        if (!symbol.collected() && symbol.active()) {
            requestBackfill(symbol.exchange(), symbol.symbol());
        }
        log.info("{}:{} pinned: collected whatever the scope says", symbol.exchange(), symbol.symbol());
        return withCollected(symbol, true);
    }

    /** Stops collecting the symbol whatever the scope says; its history stays. */
    @Transactional
    public MarketSymbol drop(MarketSymbol symbol) {
        override(symbol, "dropped", false, "dropped by an operator");
        log.info("{}:{} dropped: no longer collected, its history is kept", symbol.exchange(), symbol.symbol());
        return withCollected(symbol, false);
    }

    private void override(MarketSymbol symbol, String override, boolean collected, String reason) {
        jdbc.update("""
                UPDATE symbol SET collection_override = ?, collection_override_at = now(), collected = ?, collection_reason = ?,
                    updated_at = now() WHERE id = ?""", override, collected, reason, symbol.id());
    }

    private void requestBackfill(String exchange, String symbol) {
        outbox.publish(EventTypes.MARKET_BACKFILL_REQUESTED, Map.of("exchange", exchange, "symbol", symbol, "reason", "collect"));
    }

    private static MarketSymbol withCollected(MarketSymbol s, boolean collected) {
        return new MarketSymbol(s.id(), s.exchange(), s.symbol(), s.baseAsset(), s.quoteAsset(), s.contractType(), s.status(),
                s.active(), s.launchTime(), s.delistedAt(), collected);
    }
}
