package io.coinwatch.gateway;

import io.coinwatch.core.roles.Role;

/** The API's endpoint groups under /api/v1 and the role whose process serves each. */
public enum ApiGroup {
    MARKET_DATA("market-data", Role.MARKET_DATA),
    FUNDAMENTAL("fundamental", Role.FUNDAMENTAL_DATA),
    SYSTEM("system", Role.MONITOR);

    private final String path;
    private final Role role;

    ApiGroup(String path, Role role) {
        this.path = path;
        this.role = role;
    }

    /** The path segment after /api/v1/, also the group name of the rate limits. */
    public String path() {
        return path;
    }

    public Role role() {
        return role;
    }
}
