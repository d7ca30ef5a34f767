package io.coinwatch.core.security;

import java.time.Duration;
import java.util.Optional;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.coinwatch.core.ratelimit.SharedBuckets;

/**
 * Failed logins per client address, counted in the shared store so every replica sees them: after
 * coinwatch.security.login.max-failures failures within coinwatch.security.login.window, the address may not try
 * again until that window has passed. A success changes nothing, for this address or any other.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final SharedBuckets buckets;
    private final int maxFailures;
    private final Duration window;
    private final BucketConfiguration configuration;

    public LoginThrottle(SharedBuckets buckets, @Value("${coinwatch.security.login.max-failures:10}") int maxFailures,
                         @Value("${coinwatch.security.login.window:5m}") Duration window) {
        this.buckets = buckets;
        this.maxFailures = maxFailures;
        this.window = window;
        this.configuration = SharedBuckets.fixedWindow(maxFailures, window);
    }

    /** How long the address must wait before its next login attempt, or empty when it may try now. */
    public Optional<Duration> blockedFor(String address) {
        EstimationProbe probe = buckets.estimate(key(address), configuration);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Counts a failed login; the first of a window is logged, the others are only counted. Never sees the password. */
    public void failed(String address) {
        ConsumptionProbe probe = buckets.tryConsume(key(address), configuration);
        if (probe.isConsumed() && probe.getRemainingTokens() == maxFailures - 1) {
            log.warn("Failed login from {}; after {} failures within {} s its logins are refused until the window ends "
                    + "(further failures in this window are counted, not logged)", address, maxFailures, window.toSeconds());
        }
    }

    private static String key(String address) {
        return "login:" + address;
    }
}
