package io.coinwatch.core.legacy;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * legacy-import: one run of the import in the background. The page routes of the steps (legacy-*-page, camel-sql on
 * the legacy database) have no error handler of their own, so a failure anywhere ends here, once.
 */
@Component
public class LegacyImportRoutes extends RouteBuilder {

    private final LegacyImport legacyImport;

    public LegacyImportRoutes(LegacyImport legacyImport) {
        this.legacyImport = legacyImport;
    }

    @Override
    public void configure() {
        getContext().getRegistry().bind("legacyDataSource", legacyImport.dataSource());

        from("direct:legacy-import").routeId("legacy-import")
                .doTry()
                    .bean(legacyImport, "run")
                .doCatch(Exception.class)
                    .process(e -> legacyImport.failed(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                .doFinally()
                    .bean(legacyImport, "finished")
                .end();
    }
}
