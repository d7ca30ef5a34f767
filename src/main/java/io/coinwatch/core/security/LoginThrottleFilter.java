package io.coinwatch.core.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import io.coinwatch.core.api.ApiResponses;

/**
 * In front of the basic authentication: a request with credentials from an address that failed too often answers 429
 * with Retry-After, and credentials that cannot be a login (another scheme, longer than any password we accept) are
 * refused here as failures, before anything decodes them. Requests without credentials pass untouched.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    /** A basic header for a 12-character user and a 1,000-character password is well under this. */
    static final int MAX_HEADER_LENGTH = 2048;

    private final LoginThrottle throttle;
    private final AuthenticationEntryPoint entryPoint;

    LoginThrottleFilter(LoginThrottle throttle, AuthenticationEntryPoint entryPoint) {
        this.throttle = throttle;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Duration> blocked;
        try {
            blocked = throttle.blockedFor(request.getRemoteAddr());
        } catch (RuntimeException e) {
            // Without its store the throttle cannot tell a guesser from the admin: refuse logins (fail closed) until it is back.
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            ApiResponses.writeError(response, 503, "login_unavailable",
                    "Logins cannot be checked while the database is unavailable; retry in 5 s");
            return;
        }
        if (blocked.isPresent()) {
            long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            ApiResponses.writeError(response, 429, "too_many_failed_logins",
                    "Too many failed logins from this address; retry in " + seconds + " s");
            return;
        }
        if (header.length() > MAX_HEADER_LENGTH || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            // The entry point counts the failure and answers 401.
            entryPoint.commence(request, response, new BadCredentialsException("Malformed Authorization header"));
            return;
        }
        chain.doFilter(request, response);
    }
}
