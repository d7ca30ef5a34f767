package io.coinwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import io.coinwatch.support.CoinwatchIntegrationTest;

/**
 * Route files that cannot load (an unknown template, a missing required parameter, a malformed URL) are each
 * reported in one log line naming the file and the parameter, add no route, and stop neither the other files nor
 * the exchanges that run.
 */
@CoinwatchIntegrationTest
class SourceRouteFilesTest {

    private static final Path DIR = Path.of("target/route-files-test");

    @Autowired CamelContext camel;
    @Autowired ProducerTemplate producer;
    @Autowired SourceRouteFiles routeFiles;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SourceRouteFiles.class);

    @AfterEach
    void cleanUp() throws Exception {
        logger.detachAppender(log);
        if (camel.getRoute("route-files-probe") != null) {
            camel.getRouteController().stopRoute("route-files-probe");
            camel.removeRoute("route-files-probe");
        }
    }

    @Test
    void aBrokenFileIsOneLineNamingFileAndParameterAndTheOthersRun() throws Exception {
        List<Resource> files = new ArrayList<>();
        files.add(file("unknown-template.yaml", """
                - templatedRoute:
                    routeTemplateRef: exchange-lisitng
                    routeId: typo-listing
                    parameters: [{name: exchange, value: binance}, {name: reader, value: binanceResponses},
                                 {name: path, value: /api/v3/exchangeInfo}]
                """));
        files.add(file("missing-parameter.yaml", """
                - templatedRoute:
                    routeTemplateRef: source-request
                    routeId: twitter-request
                    parameters: [{name: source, value: twitter}, {name: reader, value: binanceResponses}]
                """));
        files.add(file("malformed-url.yaml", """
                - templatedRoute:
                    routeTemplateRef: source-request
                    routeId: twitter-request
                    parameters: [{name: source, value: twitter}, {name: reader, value: binanceResponses},
                                 {name: baseUrl, value: "htp:/api.example.com"}]
                """));
        files.add(file("good.yaml", """
                - route:
                    id: route-files-probe
                    from:
                      uri: direct:route-files-probe
                      steps:
                        - setBody:
                            constant: loaded
                """));
        log.start();
        logger.addAppender(log);
        int routesBefore = camel.getRoutes().size();

        routeFiles.loadAll(camel, files);

        List<ILoggingEvent> errors = log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).as("one line per broken file, without a stack trace").hasSize(3)
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        assertThat(errors.get(0).getFormattedMessage()).contains("malformed-url.yaml", "parameter baseUrl", "htp:/api.example.com");
        assertThat(errors.get(1).getFormattedMessage()).contains("missing-parameter.yaml", "baseUrl");
        assertThat(errors.get(2).getFormattedMessage()).contains("unknown-template.yaml", "exchange-lisitng");

        assertThat(camel.getRoutes()).as("the good file's route added, no other one added or taken away").hasSize(routesBefore + 1);
        assertThat(camel.getRoute("typo-listing")).isNull();
        assertThat(camel.getRoute("twitter-request")).isNull();
        assertThat(producer.requestBody("direct:route-files-probe", "", String.class)).as("the good file loaded").isEqualTo("loaded");
        for (String id : List.of("bybit-request", "bybit-listing", "bybit-kline-page", "binance-request", "binance-listing",
                "binance-first-candle", "binance-kline-page")) {
            assertThat(camel.getRouteController().getRouteStatus(id)).as(id).isEqualTo(ServiceStatus.Started);
        }
    }

    private Resource file(String name, String yaml) throws IOException {
        Files.createDirectories(DIR);
        Path path = Files.writeString(DIR.resolve(name), yaml);
        return PluginHelper.getResourceLoader(camel).resolveResource("file:" + path);
    }
}
