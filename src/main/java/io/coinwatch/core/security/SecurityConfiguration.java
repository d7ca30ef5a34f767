package io.coinwatch.core.security;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may do what over HTTP. With coinwatch.security.enabled=false (the dev, demo and test profiles) everything is
 * open. Otherwise the API stays open for reading (GET, HEAD, OPTIONS), while every write operation under /api (backfill
 * requests, parked-message replay, whatever is added later), Hawtio, Jolokia and every actuator endpoint but health
 * and info need the admin login, by HTTP basic authentication (a browser asks for it, scripts and Prometheus send it).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    static final String ADMIN = "ADMIN";
    private static final String REALM = "coinwatch";

    /**
     * The API: stateless (no session, so no CSRF token), and its caching is the gateway's business (Cache-Control,
     * ETag): Spring Security's default no-store header would make every answer uncacheable and drop the ETags.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, Environment env) throws Exception {
        http.securityMatcher("/api/**")
                // The firewall checks parameter names and values only when they are read, which platform-http does on
                // another thread, outside the chain where a rejection becomes a 400: read them here.
                .addFilterBefore((request, response, chain) -> {
                    request.getParameterMap();
                    chain.doFilter(request, response);
                }, BasicAuthenticationFilter.class)
                .headers(h -> h.cacheControl(c -> c.disable()))
                .csrf(c -> c.disable())
                .httpBasic(b -> b.realmName(REALM));
        if (!AdminCredentials.securityEnabled(env)) {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        return http.authorizeHttpRequests(a -> a
                        // CORS pre-flights carry no credentials; the gateway's CORS filter answers them.
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").permitAll()
                        // Deny by default: a write operation added later is guarded without anyone remembering to.
                        .anyRequest().hasRole(ADMIN))
                .build();
    }

    /** Everything else: Hawtio, Jolokia, the actuator, and /error, which renders every error in the API's contract. */
    @Bean
    @Order(2)
    SecurityFilterChain adminSecurity(HttpSecurity http, Environment env) throws Exception {
        if (!AdminCredentials.securityEnabled(env)) {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).csrf(c -> c.disable()).build();
        }
        // Hawtio reads the token from the XSRF-TOKEN cookie and sends it back as X-XSRF-TOKEN; a null attribute name
        // makes every response carry the cookie, so the console has it before its first POST to Jolokia.
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null);
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(b -> b.realmName(REALM))
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()).csrfTokenRequestHandler(csrfHandler))
                .build();
    }

    /**
     * Spring's strict firewall, refusing control characters in parameter values as it does in their names: no API
     * parameter can hold one, and a NUL reaching PostgreSQL as text fails the query (found by GatewayFuzzTest with
     * {@code /market-data/gaps?symbol=%00}, a 500).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterValues(value -> value.chars().noneMatch(Character::isISOControl));
        return firewall;
    }

    /**
     * A request the firewall refuses (an encoded slash or NUL, a control character in a parameter name or value) is the
     * client's error: 400 in the error contract, not the 500 an unhandled RequestRejectedException gives.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler(400);
    }

    /** The admin user when credentials are set (AdminCredentialsCheck insists on them when security is on), else none. */
    @Bean
    InMemoryUserDetailsManager adminUsers(Environment env) {
        AdminCredentials credentials = AdminCredentials.from(env);
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (!credentials.user().isEmpty() && !credentials.password().isEmpty()) {
            users.createUser(User.withUsername(credentials.user())
                    .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(credentials.password()))
                    .roles(ADMIN).build());
        }
        return users;
    }
}
