package io.coinwatch.core.status;

import java.util.function.Supplier;

/**
 * A part of this process's system.status that a role contributes (market-data: backfill progress and open gaps), so
 * the monitor learns a role's figures from the role itself, never from the role's tables.
 */
public interface StatusSection {

    /** The key of the section in the status data. */
    String name();

    /** The section's current value, serialised as JSON into the status. */
    Object snapshot();

    static StatusSection of(String name, Supplier<?> snapshot) {
        return new StatusSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object snapshot() {
                return snapshot.get();
            }
        };
    }
}
