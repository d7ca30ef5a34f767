package io.coinwatch.core.infrastructure;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which database and which broker this process works on, as short hashes every process reports in its status: replicas
 * of one deployment report the same, and the monitor flags a process that reports others (started with another
 * database URL or broker host by mistake) instead of counting it as a peer. The database is named by the id the
 * deployment_identity table got when it was made; the broker by its cluster name (RabbitMQ) or, without one (the
 * embedded broker), the address it answers on, with the virtual host either way. Each is computed once it can be.
 */
@Component
public class InfrastructureFingerprint {

    public static final String UNKNOWN = "unknown";

    private final JdbcTemplate jdbc;
    private final ConnectionFactory broker;
    private final AtomicReference<String> database = new AtomicReference<>();
    private final AtomicReference<String> brokerId = new AtomicReference<>();

    public InfrastructureFingerprint(JdbcTemplate jdbc, ConnectionFactory broker) {
        this.jdbc = jdbc;
        this.broker = broker;
    }

    /** {"database": hash, "broker": hash}, "unknown" for one that cannot be asked right now. */
    public Map<String, String> current() {
        Map<String, String> fingerprint = new LinkedHashMap<>();
        fingerprint.put("database", once(database, () -> jdbc.queryForObject(
                "SELECT current_database() || '/' || min(id::text) FROM deployment_identity", String.class)));
        fingerprint.put("broker", once(brokerId, this::brokerIdentity));
        return fingerprint;
    }

    private String brokerIdentity() {
        var delegate = broker.createConnection().getDelegate();
        Object cluster = delegate.getServerProperties().get("cluster_name");
        InetAddress address = delegate.getAddress();
        String where = cluster != null ? "cluster " + cluster : address.getHostAddress() + ":" + delegate.getPort();
        return where + "/" + broker.getVirtualHost();
    }

    private static String once(AtomicReference<String> cached, Supplier<String> identity) {
        String value = cached.get();
        if (value != null) {
            return value;
        }
        try {
            value = hash(identity.get());
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
        cached.set(value);
        return value;
    }

    private static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
