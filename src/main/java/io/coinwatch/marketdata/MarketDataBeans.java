package io.coinwatch.marketdata;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.status.StatusSection;

@Configuration(proxyBeanMethods = false)
public class MarketDataBeans {

    /** The monitor's backfill figure (GET /system/metrics): the same calculation as GET /market-data/backfill/status. */
    @Bean
    @ConditionalOnRole(Role.MARKET_DATA)
    StatusSection backfillStatusSection(BackfillReport backfill) {
        return StatusSection.of("backfill", backfill::overallByExchange);
    }

    /** The monitor's open-gap figure, for /system/metrics and the stale-gaps alert. */
    @Bean
    @ConditionalOnRole(Role.MARKET_DATA)
    StatusSection gapsStatusSection(GapAudit gaps) {
        return StatusSection.of("gaps", gaps::openSummary);
    }

    /** The klines API's memory of closed candles, bounded by coinwatch.market-data.klines-cache.max-bytes. */
    @Bean
    KlineChunks klineChunks(JdbcTemplate jdbc, MarketDataProperties properties, MeterRegistry registry) {
        return new KlineChunks(jdbc, properties.klinesCache().maxBytes().toBytes(), registry);
    }

    /**
     * Every exchange request of the collection flows runs on one pool, so its size bounds the requests in flight for
     * the whole process; the exchange guards keep them within each exchange's budget. It is bound in Camel's registry
     * only: as a Spring bean it would replace Spring Boot's task executor, which platform-http needs.
     */
    @Bean
    CamelContextConfiguration klineFetchPool(@Value("${coinwatch.market-data.backfill.max-in-flight:16}") int maxInFlight) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                AtomicInteger n = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(maxInFlight, r -> {
                    Thread t = new Thread(r, "kline-fetch-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                camelContext.getRegistry().bind("klineFetchPool", pool);
                camelContext.addLifecycleStrategy(new org.apache.camel.support.LifecycleStrategySupport() {
                    @Override
                    public void onContextStopped(CamelContext context) {
                        pool.shutdownNow();
                    }
                });
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
