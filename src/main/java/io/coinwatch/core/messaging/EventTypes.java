package io.coinwatch.core.messaging;

import java.util.Set;

/** The routing keys of DESIGN.md's messaging contract; an envelope with any other type is refused on both sides. */
public final class EventTypes {

    public static final String SYMBOL_ADDED = "symbol.added";
    public static final String SYMBOL_UPDATED = "symbol.updated";
    public static final String SYMBOL_DELISTED = "symbol.delisted";
    public static final String MARKET_UPDATED = "market.updated";
    public static final String MARKET_GAP_DETECTED = "market.gap.detected";
    public static final String MARKET_BACKFILL_REQUESTED = "market.backfill.requested";
    public static final String FUNDAMENTAL_UPDATED = "fundamental.updated";
    public static final String SYSTEM_STATUS = "system.status";
    public static final String SYSTEM_ERROR = "system.error";
    public static final String SYSTEM_ALERT = "system.alert";
    public static final String SYSTEM_AUDIT = "system.audit";

    public static final Set<String> ALL = Set.of(SYMBOL_ADDED, SYMBOL_UPDATED, SYMBOL_DELISTED, MARKET_UPDATED,
            MARKET_GAP_DETECTED, MARKET_BACKFILL_REQUESTED, FUNDAMENTAL_UPDATED, SYSTEM_STATUS, SYSTEM_ERROR, SYSTEM_ALERT,
            SYSTEM_AUDIT);

    private EventTypes() {
    }
}
