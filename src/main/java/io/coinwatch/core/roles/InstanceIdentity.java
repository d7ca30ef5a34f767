package io.coinwatch.core.roles;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Who this process is: its roles, a unique instance id and its uptime, as envelopes and status events report them. */
@Component
public class InstanceIdentity {

    private final Set<Role> roles;
    private final String instanceId;
    private final String version;

    public InstanceIdentity(Environment env, ObjectProvider<BuildProperties> build) {
        this.roles = ActiveRoles.from(env);
        this.instanceId = env.getProperty("coinwatch.instance-id", shortHost() + "-" + UUID.randomUUID().toString().substring(0, 8));
        BuildProperties props = build.getIfAvailable();
        this.version = props != null ? props.getVersion() : "dev";
    }

    public Set<Role> roles() {
        return roles;
    }

    /** The envelope's source: the roles this process runs, e.g. "market-data" or "market-data+gateway". */
    public String source() {
        return roles.stream().map(Role::id).collect(Collectors.joining("+"));
    }

    public String instanceId() {
        return instanceId;
    }

    public String version() {
        return version;
    }

    public Duration uptime() {
        return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    }

    public Instant startedAt() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    private static String shortHost() {
        String host = System.getenv().getOrDefault("HOSTNAME", "coinwatch");
        return host.length() > 24 ? host.substring(0, 24) : host;
    }
}
