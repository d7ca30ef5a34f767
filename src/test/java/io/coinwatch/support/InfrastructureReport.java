package io.coinwatch.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Prints, once per run, which database and broker the integration tests ran against. */
public class InfrastructureReport implements BeforeAllCallback {

    private static boolean reported;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (InfrastructureReport.class) {
            if (reported) {
                return;
            }
            reported = true;
        }
        Environment env = SpringExtension.getApplicationContext(context).getEnvironment();
        System.out.println("[infrastructure] integration tests use database: " + env.getProperty("coinwatch.infrastructure.database")
                + "; broker: " + env.getProperty("coinwatch.infrastructure.broker"));
    }
}
