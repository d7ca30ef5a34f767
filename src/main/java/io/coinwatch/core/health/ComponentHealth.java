package io.coinwatch.core.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * A part of Coinwatch that GET /api/v1/system/health shows as a component (database, broker, outbox, services,
 * exchanges, gateway). Each is an Actuator health indicator, so /actuator/health shows it too; its name is the bean
 * name without "HealthIndicator". A check that throws is DOWN with the failure's root message.
 */
public abstract class ComponentHealth implements HealthIndicator {

    /** Working, but not all of it: a silent process, a banned exchange, a stuck outbox. Answers 200, as UP does. */
    public static final Status DEGRADED = new Status("DEGRADED");

    /** The component's state; called on every health request, so keep it cheap. */
    protected abstract Health check();

    @Override
    public final Health health() {
        try {
            return check();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", rootMessage(e)).build();
        }
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
