package io.coinwatch.marketdata;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MarketDataBeans {

    /**
     * Every exchange request of the collection flows runs on this pool, so its size bounds the requests in flight
     * for the whole process; the exchange guards keep them within each exchange's budget.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService klineFetchPool(@Value("${coinwatch.market-data.backfill.max-in-flight:16}") int maxInFlight) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "kline-fetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
