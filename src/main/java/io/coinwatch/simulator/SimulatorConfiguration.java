package io.coinwatch.simulator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Starts the exchange simulator inside the application when {@code coinwatch.simulator.enabled=true} (the demo
 * profile), and stops it with the context. A {@link Clock} bean, if the application defines one, becomes the market
 * clock; otherwise the system clock is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = SimulatorProperties.PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SimulatorProperties.class)
public class SimulatorConfiguration {

    @Bean(destroyMethod = "close")
    SimulatorServer simulatorServer(SimulatorProperties properties, ObjectProvider<Clock> clock) {
        return new SimulatorServer(properties, clock.getIfAvailable(Clock::systemUTC), Clock.systemUTC()).start();
    }
}
