package io.coinwatch.monitor;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import io.coinwatch.core.status.InstanceStatus;

/**
 * coinwatch.monitor.*: how often processes report, when one counts as silent, how long the monitor keeps what it
 * stores, and the alert thresholds. The schedules themselves (alerts.evaluation-interval, retention-check-interval)
 * are read by the routes as placeholders.
 */
@ConfigurationProperties("coinwatch.monitor")
public record MonitorProperties(Duration statusInterval, int silentAfterIntervals, Duration retention, Alerts alerts) {

    public MonitorProperties {
        statusInterval = statusInterval == null ? DurationStyle.detectAndParse(InstanceStatus.DEFAULT_INTERVAL) : statusInterval;
        silentAfterIntervals = silentAfterIntervals <= 0 ? 3 : silentAfterIntervals;
        retention = retention == null ? Duration.ofDays(7) : retention;
        alerts = alerts == null ? new Alerts(0, 0, null, null) : alerts;
    }

    /**
     * @param errorsPerMinute   alert when more system.error events than this arrived in the last minute
     * @param queueBacklog      alert when a queue holds more messages than this
     * @param gapAge            alert when a candle gap is still open this long after it was detected
     * @param databaseSizeLimit alert when pg_database_size exceeds this (a plain number is bytes)
     */
    public record Alerts(int errorsPerMinute, long queueBacklog, Duration gapAge, DataSize databaseSizeLimit) {
        public Alerts {
            errorsPerMinute = errorsPerMinute <= 0 ? 10 : errorsPerMinute;
            queueBacklog = queueBacklog <= 0 ? 1000 : queueBacklog;
            gapAge = gapAge == null ? Duration.ofHours(1) : gapAge;
            databaseSizeLimit = databaseSizeLimit == null ? DataSize.ofGigabytes(50) : databaseSizeLimit;
        }
    }
}
