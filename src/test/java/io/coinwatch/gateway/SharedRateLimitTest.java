package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.coinwatch.core.ratelimit.SharedBuckets;
import io.coinwatch.support.CoinwatchIntegrationTest;

/**
 * Two rate limiters built independently on the same database, as two gateway replicas have them: together they allow
 * the limit once, not once each, and they ask the database once per batch of tokens, not once per request. (The
 * multi-process test runs two whole gateways.)
 */
@CoinwatchIntegrationTest
class SharedRateLimitTest {

    @Autowired DataSource dataSource;
    @Autowired JdbcTemplate jdbc;

    private static RateLimitFilter replica(DataSource dataSource, Duration window) {
        return replica(dataSource, window, 7, null);
    }

    private static RateLimitFilter replica(DataSource dataSource, Duration window, int limit, Double localShare) {
        GatewayProperties.RateLimit config = new GatewayProperties.RateLimit(true, window, 1000, Map.of("shared", limit), null, localShare);
        return new RateLimitFilter(config, new ApiKeys("partner:partner-key-00000001"), new SharedBuckets(dataSource, Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** The database as the rate limiter sees it, counting the connections it takes: one per transaction. */
    private static final class CountingDataSource extends DelegatingDataSource {
        private final AtomicInteger connections = new AtomicInteger();

        private CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return super.getConnection();
        }
    }

    @Test
    void requestsCostATransactionPerBatchNotEachAndTheLimitStillHoldsAcrossReplicas() throws Exception {
        // The default share, 0.1: with a limit of 1,000 a replica takes 100 tokens at a time.
        CountingDataSource database = new CountingDataSource(dataSource);
        RateLimitFilter alone = replica(database, Duration.ofMinutes(1), 1000, null);
        String address = "10.3.4." + (int) (Math.random() * 250);
        int requests = 300;
        for (int i = 0; i < requests; i++) {
            assertThat(status(alone, address, null)).isEqualTo(200);
        }
        assertThat(database.connections.get()).as("transactions for " + requests + " requests").isLessThan(requests / 10);

        // Two replicas taking 10 of a limit of 100 at a time: exactly the limit passes (only tokens taken from the
        // shared bucket are handed out), and requests refused once it is empty do not ask the database again.
        CountingDataSource shared = new CountingDataSource(dataSource);
        List<RateLimitFilter> replicas = List.of(replica(shared, Duration.ofMinutes(1), 100, null),
                replica(shared, Duration.ofMinutes(1), 100, null));
        String other = "10.5.6." + (int) (Math.random() * 250);
        int allowed = 0;
        for (int i = 0; i < 3 * 100; i++) {
            allowed += status(replicas.get(i % 2), other, null) == 200 ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(100);
        assertThat(shared.connections.get()).as("transactions for 300 requests").isLessThan(300 / 10);
    }

    private static int status(RateLimitFilter filter, String address, String apiKey) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/shared/thing");
        request.setRemoteAddr(address);
        if (apiKey != null) {
            request.addHeader("X-API-Key", apiKey);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @Test
    void twoReplicasShareOneBudgetPerClient() throws Exception {
        List<RateLimitFilter> replicas = List.of(replica(dataSource, Duration.ofMinutes(1)), replica(dataSource, Duration.ofMinutes(1)));
        String address = "10.1.2." + (int) (Math.random() * 250);
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            int status = status(replicas.get(i % 2), address, null);
            assertThat(status).isIn(200, 429);
            allowed += status == 200 ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(7);
        // The API key's budget is its own, and shared too; made-up keys get none.
        int keyed = 0;
        for (int i = 0; i < 10; i++) {
            keyed += status(replicas.get(i % 2), address, "partner-key-00000001") == 200 ? 1 : 0;
            assertThat(status(replicas.get(i % 2), address, UUID.randomUUID().toString())).isEqualTo(401);
        }
        assertThat(keyed).isEqualTo(7);
    }

    @Test
    void refilledBucketsArePurgedSoTheStoreHoldsOnlyCurrentClients() throws Exception {
        RateLimitFilter filter = replica(dataSource, Duration.ofMillis(200));
        SharedBuckets buckets = new SharedBuckets(dataSource, Clock.systemUTC());
        String prefix = "10.9." + (int) (Math.random() * 250) + ".";
        for (int i = 0; i < 50; i++) {
            assertThat(status(filter, prefix + i, null)).isEqualTo(200);
        }
        assertThat(rows(prefix)).isEqualTo(50);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
            buckets.purgeExpired(1000);
            return rows(prefix) == 0;
        });
    }

    private int rows(String prefix) {
        return jdbc.queryForObject("SELECT count(*) FROM rate_limit_bucket WHERE id LIKE ?", Integer.class, "rate:ip:" + prefix + "%");
    }
}
