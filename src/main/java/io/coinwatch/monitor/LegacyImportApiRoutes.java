package io.coinwatch.monitor;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.coinwatch.core.api.ApiErrorHandling;
import io.coinwatch.core.api.ApiException;
import io.coinwatch.core.api.ApiResponses;
import io.coinwatch.core.api.OpenApiContract;
import io.coinwatch.core.audit.AuditLog;
import io.coinwatch.core.legacy.LegacyImport;
import io.coinwatch.core.legacy.LegacyImportReport;
import io.coinwatch.core.legacy.LegacyImportStarted;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.core.security.Caller;

/**
 * /api/v1/system/legacy-import: start the import of the Python Coinwatch's database and follow it. The import runs in
 * this process, for the tables of the roles it runs (docs/migration.md).
 */
@Component
@ConditionalOnRole(Role.MONITOR)
public class LegacyImportApiRoutes extends RouteBuilder {

    private final LegacyImport legacyImport;
    private final AuditLog audit;

    public LegacyImportApiRoutes(LegacyImport legacyImport, AuditLog audit) {
        this.legacyImport = legacyImport;
        this.audit = audit;
    }

    @Override
    public void configure() {
        rest("/system/legacy-import").description("Import of the Python Coinwatch's database").produces("application/json")
                .post().id("api-system-legacy-import-start")
                    .description("Starts the import from coinwatch.legacy-import.url (read-only); resumes an interrupted one; "
                            + "a run after a finished one writes only what is new. Asynchronous: follow it with GET")
                    .security(OpenApiContract.BASIC_AUTH)
                    .responseMessage().code(202).message("The import started").responseModel(LegacyImportStarted.class).endResponseMessage()
                    .responseMessage().code(409).message("An import is already running").endResponseMessage()
                    .to("direct:api-system-legacy-import-start")
                .get().id("api-system-legacy-import-status")
                    .description("The run (running, done, failed, interrupted, never-run; the error if any) and per legacy table "
                            + "rows read, written, quarantined, skipped as already present, percent and ETA")
                    .outType(LegacyImportReport.class)
                    .responseMessage().code(200).message("The run and its tables").endResponseMessage()
                    .to("direct:api-system-legacy-import-status");

        from("direct:api-system-legacy-import-start").routeId("api-system-legacy-import-start").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> {
                    audit.record(Caller.of(e), "legacy-import.start", "legacy-import", () -> {
                        if (!legacyImport.start()) {
                            throw new ApiException(409, "import_running", "A legacy import is already running; follow it with GET");
                        }
                        return null;
                    });
                    ApiResponses.json(e, 202, new LegacyImportStarted("started"));
                });
        from("direct:api-system-legacy-import-status").routeId("api-system-legacy-import-status").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> ApiResponses.json(e, 200, legacyImport.report()));
    }
}
