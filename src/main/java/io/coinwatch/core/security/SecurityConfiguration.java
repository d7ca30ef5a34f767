package io.coinwatch.core.security;

import java.util.List;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
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
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CompositeHeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what over HTTP. With coinwatch.security.enabled=false (the dev, demo and test profiles) everything is
 * open. Otherwise the API stays open for reading (GET, HEAD, OPTIONS) but for the operator views (parked messages,
 * services, metrics, alerts, audit), while those, every write operation under /api (backfill requests, parked-message
 * replay, whatever is added later), Hawtio, Jolokia and every actuator endpoint but health and info need the admin
 * login, by HTTP basic authentication (a browser asks for it, scripts and Prometheus send it), throttled per address.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    static final String ADMIN = "ADMIN";
    private static final String REALM = "coinwatch";
    /** The API's operator views: what the pipeline holds inside (parked payloads, instance ids, queues, the audit trail). */
    static final String[] OPERATOR_VIEWS = {"/api/v1/system/parked", "/api/v1/system/parked/**", "/api/v1/system/services",
            "/api/v1/system/metrics", "/api/v1/system/alerts", "/api/v1/system/audit"};

    /**
     * The API: stateless (no session, so no CSRF token), and its caching is the gateway's business (Cache-Control,
     * ETag): Spring Security's default no-store header would make every answer uncacheable and drop the ETags; only
     * authenticated answers are no-store (CallerFilter).
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, Environment env, LoginThrottle throttle) throws Exception {
        boolean secured = AdminCredentials.securityEnabled(env);
        http.securityMatcher("/api/**")
                // The firewall checks parameter names and values only when they are read, which platform-http does on
                // another thread, outside the chain where a rejection becomes a 400: read them here.
                .addFilterBefore((request, response, chain) -> {
                    request.getParameterMap();
                    chain.doFilter(request, response);
                }, BasicAuthenticationFilter.class)
                .addFilterAfter(new CallerFilter(secured), BasicAuthenticationFilter.class)
                .headers(h -> headers(h.cacheControl(c -> c.disable()), env))
                .csrf(c -> c.disable());
        if (!secured) {
            return http.httpBasic(b -> b.realmName(REALM)).authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        return login(http, throttle)
                .authorizeHttpRequests(a -> a
                        // CORS pre-flights carry no credentials; the gateway's CORS filter answers them.
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .requestMatchers(OPERATOR_VIEWS).hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").permitAll()
                        // Deny by default: a write operation added later is guarded without anyone remembering to.
                        .anyRequest().hasRole(ADMIN))
                .build();
    }

    /** Everything else: Hawtio, Jolokia, the actuator, the HTML pages, and /error, which renders every error in the API's contract. */
    @Bean
    @Order(2)
    SecurityFilterChain adminSecurity(HttpSecurity http, Environment env, LoginThrottle throttle) throws Exception {
        http.headers(h -> headers(h, env));
        if (!AdminCredentials.securityEnabled(env)) {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).csrf(c -> c.disable()).build();
        }
        // Hawtio reads the token from the XSRF-TOKEN cookie and sends it back as X-XSRF-TOKEN; a null attribute name
        // makes every response carry the cookie, so the console has it before its first POST to Jolokia.
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null);
        return login(http, throttle)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers("/error").permitAll()
                        // The dashboard shows what the anonymous GET API shows.
                        .requestMatchers(HttpMethod.GET, "/", "/dashboard.html", "/dashboard/**", "/webjars/**").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()).csrfTokenRequestHandler(csrfHandler))
                .build();
    }

    /**
     * HTTP basic authentication behind the login throttle: an address with too many failures gets 429 before its
     * credentials are looked at, and every failure (malformed headers included) counts.
     */
    private static HttpSecurity login(HttpSecurity http, LoginThrottle throttle) throws Exception {
        FailedLoginEntryPoint entryPoint = new FailedLoginEntryPoint(throttle, REALM);
        return http.addFilterBefore(new LoginThrottleFilter(throttle, entryPoint), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.realmName(REALM).authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint));
    }

    /**
     * On every answer: nosniff, no referrer, frames only from this origin, and a Content-Security-Policy that lets the
     * HTML pages (the dashboard, the API docs) load their own scripts, styles and data and nothing else. Hawtio sets
     * its own policy, frame and referrer headers, made for its console (two policies would both apply and break it).
     * Spring Security adds HSTS itself to answers over HTTPS.
     * <p>
     * They are written before the request goes on: platform-http answers on a Camel thread while the request's thread
     * returns through the filter chain, and Spring Security's default (write on commit, and again on the way out)
     * then touches Tomcat's headers from two threads at once (spring-security#15510: an occasional
     * NullPointerException in MimeHeaders and a 500 under load).
     */
    private static void headers(HeadersConfigurer<HttpSecurity> headers, Environment env) {
        String policy = env.getProperty("coinwatch.security.headers.content-security-policy", "default-src 'self'; frame-ancestors 'self'");
        RequestMatcher notHawtio = new NegatedRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/hawtio/**"));
        headers.contentTypeOptions(Customizer.withDefaults())
                .frameOptions(f -> f.disable())
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(notHawtio, new CompositeHeaderWriter(List.of(
                        new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN),
                        new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER),
                        new ContentSecurityPolicyHeaderWriter(policy)))))
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                });
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
