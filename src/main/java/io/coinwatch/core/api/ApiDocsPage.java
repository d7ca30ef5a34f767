package io.coinwatch.core.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.webjars.WebJarVersionLocator;

/**
 * The browsable API page at /api/v1/docs: Swagger UI from its webjar, served by the app (nothing from a CDN), started
 * by our swagger-initializer.js on /api/v1/openapi.json. Under /api, so it is as open as the API's reads.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsPage implements WebMvcConfigurer {

    static final String PATH = "/api/v1/docs";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String version = new WebJarVersionLocator().version("swagger-ui");
        registry.addResourceHandler(PATH + "/**")
                .addResourceLocations("classpath:/api/docs/", "classpath:/META-INF/resources/webjars/swagger-ui/" + version + "/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(PATH, PATH + "/index.html");
        registry.addRedirectViewController(PATH + "/", PATH + "/index.html");
    }
}
