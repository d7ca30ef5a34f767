package io.coinwatch.core.security;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * Who sent an API request, as the security chain established it on the servlet thread (platform-http runs the route
 * on another thread, where Spring Security's context is not set): the login name or "anonymous", the client address,
 * and whether the caller may see and do what needs the admin (always, while security is off).
 */
public record Caller(String user, String address, boolean admin) {

    static final String ATTRIBUTE = Caller.class.getName();
    /** A route called from inside the process (a test, another route) rather than over HTTP. */
    public static final Caller INTERNAL = new Caller("internal", "-", true);

    public static Caller of(Exchange exchange) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        HttpServletRequest request = message == null ? null : message.getRequest();
        if (request == null) {
            return INTERNAL;
        }
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? caller
                : new Caller("anonymous", request.getRemoteAddr(), false);
    }
}
