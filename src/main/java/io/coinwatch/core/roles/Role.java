package io.coinwatch.core.roles;

import java.util.Arrays;

/** The four services of the roadmap; one artifact runs any set of them (coinwatch.roles). */
public enum Role {
    MARKET_DATA("market-data"),
    FUNDAMENTAL_DATA("fundamental-data"),
    MONITOR("monitor"),
    GATEWAY("gateway");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Role fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + id + "' in coinwatch.roles; valid: "
                        + Arrays.stream(values()).map(Role::id).toList()));
    }
}
