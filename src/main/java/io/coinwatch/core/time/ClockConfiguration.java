package io.coinwatch.core.time;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application, injected wherever the time of day matters (which candle is closed, what a month's
 * budget is, when a ban ends), so a test can move time instead of waiting for it.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
