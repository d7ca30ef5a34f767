package io.coinwatch.core.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * The 401 of basic authentication (WWW-Authenticate, then /error renders the error contract). A request that sent
 * credentials, well-formed or not, is a failed login and counts toward the throttle; one that sent none is not.
 */
class FailedLoginEntryPoint implements AuthenticationEntryPoint {

    private final LoginThrottle throttle;
    private final BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();

    FailedLoginEntryPoint(LoginThrottle throttle, String realm) {
        this.throttle = throttle;
        basic.setRealmName(realm);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            throttle.failed(request.getRemoteAddr());
        }
        basic.commence(request, response, failure);
    }
}
