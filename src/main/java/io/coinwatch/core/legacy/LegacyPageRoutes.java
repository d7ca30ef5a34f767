package io.coinwatch.core.legacy;

import org.apache.camel.builder.RouteBuilder;

/**
 * Base of a role's legacy page routes: each reads one page of the legacy database with camel-sql, the query in
 * src/main/resources/legacy/, its named parameters (:#after, :#limit, ...) taken from the headers. No error handler:
 * a failure goes back to the legacy-import run, which records it once.
 */
public abstract class LegacyPageRoutes extends RouteBuilder {

    protected void page(String uri, String routeId, String sqlFile) {
        from(uri).routeId(routeId).routeGroup("legacy-import").errorHandler(noErrorHandler())
                .to("sql:classpath:legacy/" + sqlFile + "?dataSource=#legacyDataSource&outputType=SelectList");
    }
}
