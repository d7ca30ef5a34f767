package io.coinwatch.marketdata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.coinwatch.core.metrics.PipelineMetrics;

/**
 * Reports a collection run that failed after its retries: one log line with the cause and the way out, and an error
 * in the pipeline metrics (which publishes system.error). The run ends; the next scheduled one tries again.
 */
@Component("collectionRunFailures")
public class CollectionRunFailures {

    private static final Logger log = LoggerFactory.getLogger(CollectionRunFailures.class);

    private final PipelineMetrics metrics;

    public CollectionRunFailures(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    public void failed(String run, Exception error) {
        failed(run, null, error);
    }

    /** The same for the part of a run that collects one exchange (null: the run as a whole). */
    public void failed(String run, String exchange, Exception error) {
        log.warn("{}{} failed: {}. The next scheduled run retries. Without internet access, start with the demo profile "
                + "(./mvnw spring-boot:run -Dspring-boot.run.profiles=demo) to use the built-in exchange simulator.", run,
                exchange == null ? "" : " on " + exchange, error.getMessage());
        metrics.error(run, exchange, null, error);
    }
}
