package io.coinwatch.core.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a secured process (prod, or any profile but dev, demo and test) without strong admin credentials.
 * It runs after the configuration files are read and before EmbeddedInfrastructure, so a misconfigured start stops
 * before it starts a database or opens a port; AdminCredentialsFailureAnalyzer turns the refusal into one message.
 */
public class AdminCredentialsCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!AdminCredentials.securityEnabled(env)) {
            return;
        }
        String weakness = AdminCredentials.from(env).weakness();
        if (weakness != null) {
            throw new WeakAdminCredentialsException(weakness);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
