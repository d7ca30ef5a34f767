package io.coinwatch.core.roles;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;

/** Parses coinwatch.roles; an unknown role name stops the start with a message that lists the valid ones. */
public final class ActiveRoles {

    private ActiveRoles() {
    }

    public static Set<Role> from(Environment env) {
        String value = env.getProperty("coinwatch.roles", "");
        if (value.isBlank() || value.trim().equals("all")) {
            return EnumSet.allOf(Role.class);
        }
        return Arrays.stream(value.split(",")).filter(s -> !s.isBlank()).map(Role::fromId)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
