package io.coinwatch.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.coinwatch.CoinwatchApplication;

/**
 * Served over HTTPS with a keystore given as server.ssl.* (in production SERVER_SSL_KEY_STORE and
 * SERVER_SSL_KEY_STORE_PASSWORD): a self-signed certificate made by keytool for this test, a client that trusts only
 * it, and HSTS on the answers. Its own small context (monitor role only), closed after the test.
 */
@SpringBootTest(classes = CoinwatchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "coinwatch.roles=monitor", "spring.datasource.hikari.maximum-pool-size=2"})
@ActiveProfiles("test")
@DirtiesContext
class TlsTest {

    private static final String PASSWORD = "tls-test-store-pass";
    private static final Path KEYSTORE = Path.of("target", "tls-test", "keystore.p12");

    @LocalServerPort int port;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        generateKeystore();
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", () -> KEYSTORE.toAbsolutePath().toString());
        registry.add("server.ssl.key-store-password", () -> PASSWORD);
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
    }

    @Test
    void theApiIsServedOverHttpsWithHsts() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingOnlyTheTestCertificate()).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/system/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\"");
        assertThat(health.headers().firstValue("Strict-Transport-Security").orElse("")).contains("max-age=31536000");
        assertThat(health.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        HttpResponse<String> actuator = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(actuator.statusCode()).isEqualTo(200);
        assertThat(actuator.headers().firstValue("Strict-Transport-Security")).isPresent();

        // A client that does not trust the certificate refuses the connection.
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/api/v1/system/health")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    private static void generateKeystore() throws Exception {
        Files.createDirectories(KEYSTORE.getParent());
        Files.deleteIfExists(KEYSTORE);
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "coinwatch", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", KEYSTORE.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
    }

    private static SSLContext trustingOnlyTheTestCertificate() throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            keystore.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = keystore.getCertificate("coinwatch");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("coinwatch", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
