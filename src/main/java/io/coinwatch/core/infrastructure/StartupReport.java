package io.coinwatch.core.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.coinwatch.core.launch.MemoryRelaunch;
import io.coinwatch.core.roles.InstanceIdentity;

/** Logs the one line an operator needs after start: roles, database, broker and where the API and Hawtio are. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment env;
    private final InstanceIdentity identity;

    StartupReport(Environment env, InstanceIdentity identity) {
        this.env = env;
        this.identity = identity;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : env.getProperty("server.port", Integer.class, 8080);
        log.info("Coinwatch ready in {} s: roles {}; database {}; broker {}; API http://localhost:{}/api/v1 ; Hawtio http://localhost:{}/actuator/hawtio",
                String.format("%.1f", identity.uptime().toMillis() / 1000.0), identity.source(),
                env.getProperty("coinwatch.infrastructure.database"), env.getProperty("coinwatch.infrastructure.broker"), port, port);
        String relaunchedWith = System.getProperty(MemoryRelaunch.RELAUNCHED_WITH);
        if (relaunchedWith != null) {
            log.info("JVM relaunched by java -jar with the memory settings {} MALLOC_ARENA_MAX={} (COINWATCH_RELAUNCH=false or an -Xmx of your own turns this off)",
                    relaunchedWith, System.getenv("MALLOC_ARENA_MAX"));
        }
    }
}
