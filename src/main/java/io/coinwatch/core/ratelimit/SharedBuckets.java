package io.coinwatch.core.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.springframework.stereotype.Component;

/**
 * Token buckets kept in PostgreSQL (table rate_limit_bucket), so every replica counts against the same budget: the
 * gateway's rate limits and the login throttling. Nothing is held per client in the JVM; a bucket's row expires once
 * it has refilled, and {@link #purgeExpired} deletes such rows, so the table holds the clients of the current window.
 * Each call is one short transaction (SELECT ... FOR UPDATE on the bucket's row): the login throttle makes one per
 * attempt, the gateway's rate limit one per batch of tokens ({@link #reserve}).
 */
@Component("sharedBuckets")
public class SharedBuckets {

    /** How long a full bucket's row is kept after it refilled; a client that comes back within it reuses the row. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(1);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public SharedBuckets(DataSource dataSource, Clock clock) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                // Windows are judged on the injected clock, the same on every replica as long as their clocks agree.
                .clientClock(new TimeMeter() {
                    @Override
                    public long currentTimeNanos() {
                        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
                    }

                    @Override
                    public boolean isWallClockBased() {
                        return true;
                    }
                })
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build();
    }

    /**
     * A fixed window: {@code capacity} tokens, all given back {@code window} after the bucket was created (and every
     * window after that). A bucket keeps the configuration it was created with until its row expires.
     */
    public static BucketConfiguration fixedWindow(long capacity, Duration window) {
        return BucketConfiguration.builder().addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, window)).build();
    }

    /** Takes one token from the bucket {@code key}, creating it with {@code configuration} when it does not exist. */
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        return buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    }

    /** What {@link #reserve} took: tokens taken, tokens left in the shared bucket, nanoseconds until it refills. */
    public record Reservation(long taken, long remaining, long nanosToRefill) {
    }

    /**
     * Takes as many tokens as there are, up to {@code upTo}, in one transaction: a replica that hands them out itself
     * asks the database once per batch instead of once per request. What it took is spent for every replica.
     */
    public Reservation reserve(String key, BucketConfiguration configuration, long upTo) {
        VerboseResult<Long> result = buckets.builder().build(key, () -> configuration).asVerbose().tryConsumeAsMuchAsPossible(upTo);
        return new Reservation(result.getValue(), result.getDiagnostics().getAvailableTokens(),
                result.getDiagnostics().calculateFullRefillingTime());
    }

    /** Whether a token is there, without taking it. */
    public EstimationProbe estimate(String key, BucketConfiguration configuration) {
        return buckets.builder().build(key, () -> configuration).estimateAbilityToConsume(1);
    }

    /** Deletes up to {@code batchSize} rows of buckets that have refilled; returns how many. */
    public int purgeExpired(int batchSize) {
        return buckets.removeExpired(batchSize);
    }
}
