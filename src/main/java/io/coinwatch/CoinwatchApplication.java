package io.coinwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CoinwatchApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoinwatchApplication.class, args);
    }
}
