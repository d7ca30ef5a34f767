package io.coinwatch.core.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refusal of AdminCredentialsCheck as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
public class AdminCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<WeakAdminCredentialsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WeakAdminCredentialsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set COINWATCH_ADMIN_USER and COINWATCH_ADMIN_PASSWORD (at least " + AdminCredentials.MIN_PASSWORD_LENGTH
                        + " characters, not the user name, no placeholder such as 'changeme'), or run a dev, demo or test profile "
                        + "on a machine nobody else can reach.", cause);
    }
}
