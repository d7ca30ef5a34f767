package io.coinwatch.fundamental;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.apache.camel.CamelExchangeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.EventOutbox;
import io.coinwatch.core.messaging.EventTypes;
import io.coinwatch.core.metrics.PipelineMetrics;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.source.SourceException;

/**
 * Starts and ends the runs of the collection flows: failures are counted and reported (system.error), and every run
 * that changed something or failed publishes fundamental.updated with what it did.
 */
@Component("fundamentalRuns")
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class FundamentalRuns {

    private static final Logger log = LoggerFactory.getLogger(FundamentalRuns.class);

    private final EventOutbox outbox;
    private final PipelineMetrics metrics;
    private final Clock clock;

    public FundamentalRuns(EventOutbox outbox, PipelineMetrics metrics, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** A run starting now; its time is whole milliseconds, so the epoch ms the API shows find its rows again. */
    public FundamentalRun start(String kind, String source) {
        return new FundamentalRun(kind, source, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** One coin (or asset) failed; the run goes on with the others. */
    public void itemFailed(FundamentalRun run, String item, Exception error) {
        log.warn("{} of {} failed, the next run tries again: {}", run.kind(), item, error.getMessage());
        run.itemFailed(item, String.valueOf(error.getMessage()));
        metrics.error(run.kind(), run.source(), item, error);
    }

    /** Whether the run can go on after this failure of one item: anything but a used-up monthly budget. */
    public boolean skippable(Exception error) {
        return !(error instanceof SourceException e && e.kind() == SourceException.Kind.QUOTA_EXHAUSTED);
    }

    /** The run stopped early (see {@link FundamentalRunDefinitions}): report it with what it did. */
    public void failed(FundamentalRun run, Exception error) {
        if (run == null) {
            log.error("A fundamental-data run failed before it started: {}", error.getMessage(), error);
            metrics.error("fundamental-data", null, null, error);
            return;
        }
        Throwable cause = error;
        while (cause instanceof CamelExchangeException && cause.getCause() != null) {
            cause = cause.getCause(); // a split's "Multicast processing failed": the item's own failure says more
        }
        log.error("{} run stopped: {}", run.kind(), cause.getMessage());
        run.stopped(String.valueOf(cause.getMessage()));
        metrics.error(run.kind(), run.source(), null, cause);
        finish(run);
    }

    public void finish(FundamentalRun run) {
        if (run.newsworthy()) {
            outbox.publish(EventTypes.FUNDAMENTAL_UPDATED, run.event(clock.instant()));
            log.info("{} run: {}", run.kind(), run.summary());
        } else {
            log.debug("{} run: nothing changed", run.kind());
        }
    }
}
