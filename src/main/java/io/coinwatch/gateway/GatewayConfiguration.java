package io.coinwatch.gateway;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import io.coinwatch.core.ratelimit.SharedBuckets;
import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The HTTP front of the gateway role, in the order a request meets it: CORS, rate limit, ETag, response cache,
 * then the REST routes (or the forwarding to the role that serves the group).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.GATEWAY)
public class GatewayConfiguration {

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.addAllowedMethod("GET");
        cors.addAllowedMethod("POST");
        cors.addAllowedHeader("*");
        cors.addExposedHeader("X-RateLimit-Limit");
        cors.addExposedHeader("X-RateLimit-Remaining");
        cors.addExposedHeader("X-RateLimit-Reset");
        cors.addExposedHeader("Retry-After");
        cors.addExposedHeader("ETag");
        cors.setMaxAge(properties.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return registration(new CorsFilter(source), Ordered.HIGHEST_PRECEDENCE + 10);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(GatewayProperties properties, SharedBuckets buckets, Clock clock) {
        return registration(new RateLimitFilter(properties.rateLimit(), new ApiKeys(properties.apiKeys()), buckets, clock),
                Ordered.HIGHEST_PRECEDENCE + 20);
    }

    /** After CORS and the rate limit, before the filters that buffer a whole answer (ETag, cache). */
    @Bean
    StreamForwardFilter streamForwardFilter(ServiceRegistry registry, GatewayProperties properties) {
        return new StreamForwardFilter(registry, properties.forwarding());
    }

    @Bean
    FilterRegistrationBean<StreamForwardFilter> streamForwardFilterRegistration(StreamForwardFilter filter) {
        return registration(filter, Ordered.HIGHEST_PRECEDENCE + 25);
    }

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etagFilter() {
        return registration(new ShallowEtagHeaderFilter(), Ordered.HIGHEST_PRECEDENCE + 30);
    }

    @Bean
    ResponseCache responseCache(GatewayProperties properties, Clock clock) {
        return new ResponseCache(properties.cache(), clock);
    }

    @Bean
    FilterRegistrationBean<ResponseCacheFilter> responseCacheFilter(ResponseCache cache, GatewayProperties properties) {
        FilterRegistrationBean<ResponseCacheFilter> registration =
                registration(new ResponseCacheFilter(cache, properties.cache()), Ordered.HIGHEST_PRECEDENCE + 40);
        registration.setEnabled(properties.cache().enabled());
        return registration;
    }

    private static <T extends jakarta.servlet.Filter> FilterRegistrationBean<T> registration(T filter, int order) {
        FilterRegistrationBean<T> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(order);
        return registration;
    }
}
