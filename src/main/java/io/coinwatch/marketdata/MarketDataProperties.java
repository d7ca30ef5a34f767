package io.coinwatch.marketdata;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * coinwatch.market-data.*: how far back to collect (0 = since launch) and how hard to repair. Schedules and
 * concurrency are read by the routes as placeholders.
 */
@ConfigurationProperties("coinwatch.market-data")
public record MarketDataProperties(int retentionDays, GapAudit gapAudit) {

    public MarketDataProperties {
        gapAudit = gapAudit == null ? new GapAudit(0) : gapAudit;
    }

    /** @param maxAttempts refetches of a gap before it is declared unfillable */
    public record GapAudit(int maxAttempts) {
        public GapAudit {
            maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        }
    }
}
