package io.coinwatch.core.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the {@link Caller} of an API request for the routes, and marks an authenticated answer Cache-Control:
 * no-store (no shared cache may keep what an admin saw; the gateway's ETag filter then leaves it alone too).
 */
class CallerFilter extends OncePerRequestFilter {

    private final boolean securityEnabled;

    CallerFilter(boolean securityEnabled) {
        this.securityEnabled = securityEnabled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean authenticated = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        boolean admin = !securityEnabled || (authenticated && authentication.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + SecurityConfiguration.ADMIN).equals(a.getAuthority())));
        request.setAttribute(Caller.ATTRIBUTE,
                new Caller(authenticated ? authentication.getName() : "anonymous", request.getRemoteAddr(), admin));
        if (authenticated) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        chain.doFilter(request, response);
    }
}
