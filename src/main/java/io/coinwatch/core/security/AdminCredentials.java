package io.coinwatch.core.security;

import java.util.List;
import java.util.Locale;

import org.springframework.core.env.Environment;

/**
 * The one admin login (coinwatch.security.admin.user / .password, from COINWATCH_ADMIN_USER / COINWATCH_ADMIN_PASSWORD)
 * and the rule it must meet whenever security is on: both set, the password at least 12 characters, not the user
 * name and no placeholder.
 */
record AdminCredentials(String user, String password) {

    static final String ENABLED = "coinwatch.security.enabled";
    static final String USER = "coinwatch.security.admin.user";
    static final String PASSWORD = "coinwatch.security.admin.password";
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final List<String> PLACEHOLDERS = List.of("changeme", "change-me", "password", "123456", "qwerty");

    static boolean securityEnabled(Environment env) {
        return env.getProperty(ENABLED, Boolean.class, true);
    }

    static AdminCredentials from(Environment env) {
        return new AdminCredentials(env.getProperty(USER, "").trim(), env.getProperty(PASSWORD, ""));
    }

    /** Why these credentials are refused, or null when they are acceptable. */
    String weakness() {
        if (user.isEmpty() || password.isEmpty()) {
            return "COINWATCH_ADMIN_USER and COINWATCH_ADMIN_PASSWORD are not both set";
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return "COINWATCH_ADMIN_PASSWORD is shorter than " + MIN_PASSWORD_LENGTH + " characters";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.equals(user.toLowerCase(Locale.ROOT)) || PLACEHOLDERS.stream().anyMatch(lower::contains)) {
            return "COINWATCH_ADMIN_PASSWORD is a default or guessable value";
        }
        return null;
    }
}
