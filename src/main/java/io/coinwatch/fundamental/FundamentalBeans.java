package io.coinwatch.fundamental;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.sentiment.LexiconScorer;

@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class FundamentalBeans {

    /** CoinGecko's monthly quota, counted in the database; every call of the coingecko-request route spends one. */
    @Bean("coingeckoBudget")
    MonthlyCallBudget coingeckoBudget(JdbcTemplate jdbc, FundamentalProperties properties, Clock clock) {
        return new MonthlyCallBudget(jdbc, CoinGeckoRoutes.NAME, properties.coingecko().monthlyBudget(), clock);
    }

    @Bean("lexiconScorer")
    LexiconScorer lexiconScorer(FundamentalProperties properties, Clock clock) {
        return new LexiconScorer(properties.sentiment().window(), clock);
    }
}
