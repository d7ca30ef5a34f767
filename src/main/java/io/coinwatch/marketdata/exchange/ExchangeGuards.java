package io.coinwatch.marketdata.exchange;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.springframework.stereotype.Component;

/** One {@link ExchangeGuard} per configured exchange and data vendor, shared by every route of the process. */
@Component("exchangeGuards")
public class ExchangeGuards {

    private final Map<String, ExchangeGuard> guards = new ConcurrentHashMap<>();

    public ExchangeGuards(ExchangeProperties properties, Clock clock) {
        BiConsumer<String, ExchangeProperties.Exchange> add = (name, cfg) -> guards.put(name,
                new ExchangeGuard(name, cfg.budget(), cfg.budgetWindow(), cfg.banWindow(), cfg.ipLimit(), clock));
        properties.exchanges().forEach(add);
        properties.vendors().forEach(add);
    }

    public ExchangeGuard of(String exchange) {
        ExchangeGuard guard = guards.get(exchange);
        if (guard == null) {
            throw new IllegalArgumentException("No coinwatch.exchanges." + exchange + " (or coinwatch.vendors." + exchange + ") configured");
        }
        return guard;
    }

    /** Called by routes before every request to the exchange. */
    public void acquire(String exchange) throws InterruptedException {
        of(exchange).acquire();
    }

    /** Called by routes before every request to an exchange whose requests weigh differently (Binance). */
    public void acquire(String exchange, int weight) throws InterruptedException {
        of(exchange).acquire(weight);
    }

    public Collection<ExchangeGuard> all() {
        return guards.values();
    }
}
