package io.coinwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.coinwatch.core.launch.MemoryRelaunch;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CoinwatchApplication {

    public static void main(String[] args) {
        MemoryRelaunch.relaunchIfNeeded(args);
        SpringApplication.run(CoinwatchApplication.class, args);
    }
}
