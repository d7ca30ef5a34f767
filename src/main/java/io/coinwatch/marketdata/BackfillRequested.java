package io.coinwatch.marketdata;

import java.util.UUID;

/**
 * The answer to POST /api/v1/market-data/backfill/{symbol}: the request is accepted, follow it on
 * /market-data/backfill/status. Top-level, as the REST DSL names a response model by its class name.
 */
public record BackfillRequested(String status, String exchange, String symbol, UUID eventId) {
}
