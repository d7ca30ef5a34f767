package io.coinwatch.core.health;

import java.util.Map;

/**
 * A part of this process that GET /system/health shows as a component of its own beside the database and the broker,
 * e.g. the gateway's service registry. Optional beans: the monitor injects all there are, none included.
 */
public interface HealthComponentSource {

    /** The component's key in the health document. */
    String componentName();

    /** false makes the component, and so the overall health, DEGRADED; called on every health request, so keep it cheap. */
    boolean healthy();

    Map<String, Object> details();
}
