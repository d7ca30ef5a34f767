package io.coinwatch.gateway;

/** The role that serves an API group cannot be reached from this gateway: the group answers 503 with Retry-After. */
public class RoleUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RoleUnavailableException(ApiGroup group, String reason) {
        super("The " + group.role().id() + " service is unavailable: " + reason + "; retry shortly");
    }
}
