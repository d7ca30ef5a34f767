package io.coinwatch.core.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import io.coinwatch.core.messaging.MessagingProperties;
import io.coinwatch.core.messaging.OutboxRelay;

/** Publishing: the outbox backlog, DEGRADED when its oldest event waits longer than outbox.unhealthy-after. */
@Component("outboxHealthIndicator")
public class OutboxHealth extends ComponentHealth {

    private final OutboxRelay outbox;
    private final MessagingProperties messaging;

    public OutboxHealth(OutboxRelay outbox, MessagingProperties messaging) {
        this.outbox = outbox;
        this.messaging = messaging;
    }

    @Override
    protected Health check() {
        OutboxRelay.Backlog backlog = outbox.backlog();
        boolean stuck = backlog.oldestAge().compareTo(messaging.outbox().unhealthyAfter()) > 0;
        Health.Builder health = Health.status(stuck ? DEGRADED : org.springframework.boot.actuate.health.Status.UP)
                .withDetail("pending", backlog.pending())
                .withDetail("oldestAgeMs", backlog.oldestAge().toMillis());
        if (backlog.lastError() != null) {
            health.withDetail("lastError", backlog.lastError());
        }
        return health.build();
    }
}
