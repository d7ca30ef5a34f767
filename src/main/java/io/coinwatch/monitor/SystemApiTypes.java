package io.coinwatch.monitor;

import java.util.List;

import io.coinwatch.core.audit.AuditLog;
import io.coinwatch.core.messaging.ParkedMessages;

/** The list bodies of /api/v1/system as records, named by the REST DSL as outType for the OpenAPI document. */
public final class SystemApiTypes {

    private SystemApiTypes() {
    }

    public record ServiceList(List<SystemApiRoutes.Service> services) {
    }

    public record AlertList(List<AlertBook.Alert> alerts) {
    }

    public record AuditList(List<AuditLog.Entry> audit) {
    }

    public record ParkedList(List<ParkedMessages.Parked> parked) {
    }

    /** The parked message sent back to its queue. */
    public record Replayed(long replayed, String queue) {
    }
}
