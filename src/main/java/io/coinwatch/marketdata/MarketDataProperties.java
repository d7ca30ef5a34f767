package io.coinwatch.marketdata;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * coinwatch.market-data.*: how far back to collect (0 = since launch), how hard to repair and how much memory the
 * klines API may keep. Schedules and concurrency are read by the routes as placeholders.
 */
@ConfigurationProperties("coinwatch.market-data")
public record MarketDataProperties(int retentionDays, GapAudit gapAudit, Backfill backfill, KlinesCache klinesCache) {

    public MarketDataProperties {
        gapAudit = gapAudit == null ? new GapAudit(0) : gapAudit;
        backfill = backfill == null ? new Backfill(null) : backfill;
        klinesCache = klinesCache == null ? new KlinesCache(null) : klinesCache;
    }

    /** @param maxBytes memory for the klines API's pre-rendered chunks ({@link KlineChunks}); 0 disables the cache */
    public record KlinesCache(DataSize maxBytes) {
        public KlinesCache {
            maxBytes = maxBytes == null ? DataSize.ofMegabytes(64) : maxBytes;
        }
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
