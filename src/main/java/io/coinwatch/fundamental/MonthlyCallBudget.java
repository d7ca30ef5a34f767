package io.coinwatch.fundamental;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.core.source.SourceException;

/**
 * A monthly call quota (CoinGecko's demo plan: 10,000 calls a month) counted in the database: one atomic increment
 * per call, made before the call, so failed calls count too (CoinGecko's own documents disagree on whether they do),
 * and a restart or a second replica continues the same count. Months are calendar months in UTC.
 */
public class MonthlyCallBudget {

    private static final Logger log = LoggerFactory.getLogger(MonthlyCallBudget.class);

    private final JdbcTemplate jdbc;
    private final String name;
    private final int limit;
    private final Clock clock;
    private volatile LocalDate exhaustedMonth;

    public MonthlyCallBudget(JdbcTemplate jdbc, String name, int limit, Clock clock) {
        if (limit <= 0) {
            throw new IllegalArgumentException("monthly budget of " + name + " must be positive, got " + limit);
        }
        this.jdbc = jdbc;
        this.name = name;
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts one call, or refuses it with {@link SourceException.Kind#QUOTA_EXHAUSTED} when the month's budget is spent. */
    public void spend() {
        LocalDate month = month();
        List<Integer> counted = jdbc.queryForList("""
                INSERT INTO api_call_budget (budget, month, calls) VALUES (?, ?, 1)
                ON CONFLICT (budget, month) DO UPDATE SET calls = api_call_budget.calls + 1
                WHERE api_call_budget.calls < ?
                RETURNING calls""", Integer.class, name, Date.valueOf(month), limit);
        if (counted.isEmpty()) {
            if (!month.equals(exhaustedMonth)) {
                exhaustedMonth = month;
                log.error("{}: the monthly budget of {} calls is used up; no call goes out until {}", name, limit,
                        month.plusMonths(1));
            }
            throw new SourceException(name, SourceException.Kind.QUOTA_EXHAUSTED,
                    "monthly budget of " + limit + " calls used up until " + month.plusMonths(1));
        }
    }

    /** Calls counted this month. */
    public int used() {
        List<Integer> calls = jdbc.queryForList("SELECT calls FROM api_call_budget WHERE budget = ? AND month = ?",
                Integer.class, name, Date.valueOf(month()));
        return calls.isEmpty() ? 0 : calls.get(0);
    }

    public int limit() {
        return limit;
    }

    private LocalDate month() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
    }
}
