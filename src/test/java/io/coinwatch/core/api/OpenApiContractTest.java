package io.coinwatch.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.RestOpenApiReader;
import org.junit.jupiter.api.Test;

import io.coinwatch.fundamental.FundamentalApiRoutes;
import io.coinwatch.marketdata.IndicatorApiRoutes;
import io.coinwatch.marketdata.MarketDataApiRoutes;
import io.coinwatch.marketdata.SymbolCollectionApiRoutes;
import io.coinwatch.monitor.SystemApiRoutes;

/**
 * The whole API's document from the REST DSL alone (no database, broker or server): it parses under swagger-parser
 * without a message, every schema name is unique, and it is written to target/openapi.json for tools to inspect.
 */
class OpenApiContractTest {

    @Test
    void theRestDslOfAllRolesMakesAValidDocument() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RestApiConfiguration());
            camel.addRoutes(new MarketDataApiRoutes(null, null, null, null, null, null, null));
            camel.addRoutes(new IndicatorApiRoutes(null, null, null));
            camel.addRoutes(new FundamentalApiRoutes(null, null, null, null, null, null));
            camel.addRoutes(new SymbolCollectionApiRoutes(null, null, null, null));
            camel.addRoutes(new SystemApiRoutes(null, null, null, null, null, null));
            OpenAPI read = new RestOpenApiReader().read(camel,
                    camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions(),
                    new BeanConfig(), camel.getName(), camel.getClassResolver());
            String json = OpenApiContract.json(OpenApiContract.complete(read));
            Files.writeString(Path.of("target/openapi.json"), json);

            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json);
            assertThat(parsed.getMessages()).isEmpty();
            assertThat(parsed.getOpenAPI().getPaths()).hasSizeGreaterThanOrEqualTo(16);
            assertThat(json).doesNotContain("x-className").doesNotContain("\"Output type\"");
        }
    }
}
