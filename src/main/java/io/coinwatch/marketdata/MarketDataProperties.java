package io.coinwatch.marketdata;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * coinwatch.market-data.*: how far back to collect (0 = since launch) and how hard to repair. Schedules and
 * concurrency are read by the routes as placeholders.
 */
@ConfigurationProperties("coinwatch.market-data")
public record MarketDataProperties(int retentionDays, GapAudit gapAudit, Backfill backfill) {

    public MarketDataProperties {
        gapAudit = gapAudit == null ? new GapAudit(0) : gapAudit;
        backfill = backfill == null ? new Backfill(null) : backfill;
    }

    /** @param maxAttempts refetches of a gap before it is declared unfillable */
    public record GapAudit(int maxAttempts) {
        public GapAudit {
            maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        }
    }

    /**
     * @param staleAfter a running backfill whose progress has not moved for this long is taken to have died with its
     *                   process (a crash, a kill) and is resumed by whichever process looks next
     */
    public record Backfill(Duration staleAfter) {
        public Backfill {
            staleAfter = staleAfter == null ? Duration.ofMinutes(2) : staleAfter;
        }
    }
}
