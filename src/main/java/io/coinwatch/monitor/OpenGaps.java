package io.coinwatch.monitor;

import java.util.Optional;

import org.springframework.stereotype.Component;

/** Candle gaps the repair has not closed yet, as the market-data role reports them in its system.status ("gaps"). */
@Component
public class OpenGaps {

    /**
     * @param open             gaps still open
     * @param oldestDetectedAt epoch ms of the oldest open gap, null when there is none
     */
    public record Summary(long open, Long oldestDetectedAt) {
    }

    private final InstanceDirectory instances;

    public OpenGaps(InstanceDirectory instances) {
        this.instances = instances;
    }

    /** Empty while no live process reports its gaps (no market-data role runs, or it has not reported yet). */
    public Optional<Summary> summary() {
        return instances.latestSection("gaps").map(g -> new Summary(g.path("open").asLong(),
                g.hasNonNull("oldestDetectedAt") ? g.get("oldestDetectedAt").asLong() : null));
    }
}
