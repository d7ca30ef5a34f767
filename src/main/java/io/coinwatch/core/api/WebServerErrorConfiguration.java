package io.coinwatch.core.api;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every process's Tomcat answers the requests it refuses itself in the API's error contract (see
 * {@link JsonErrorReportValve}); whatever reaches Spring is answered by {@link ApiErrorController}.
 */
@Configuration(proxyBeanMethods = false)
public class WebServerErrorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        // The host installs its error report valve when it starts, which is after the context is prepared.
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }
}
