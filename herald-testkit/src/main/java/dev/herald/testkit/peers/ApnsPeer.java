package dev.herald.testkit.peers;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Pushy's mock APNs server (real HTTP/2 over TLS) that checks provider tokens as Apple does: it knows a set of live
 * device tokens and a set of dead ones (answered 410 Unregistered). The TLS certificate comes from the JDK's
 * keytool and the {@code .p8} signing key is generated, so nothing secret is checked in.
 */
public final class ApnsPeer implements AutoCloseable {
    public static final String TEAM_ID = "TEAM123456";
    public static final String KEY_ID = "KEY1234567";

    private final MockApnsServer server;
    private final int port;
    private final Path certificateFile;
    private final Path signingKeyFile;
    private final String topic;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

    /** One push the server accepted: the device token from the path and the JSON payload. */
    public record Accepted(String token, String payload) {
    }

    private ApnsPeer(Path dir, String topic, Set<String> live, Set<String> dead) throws Exception {
        this.topic = topic;
        Path keystore = dir.resolve("apns-server.p12");
        runKeytool(keystore);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        PrivateKey serverKey = (PrivateKey) store.getKey("apns", "changeit".toCharArray());
        X509Certificate certificate = (X509Certificate) store.getCertificate("apns");
        certificateFile = Files.writeString(dir.resolve("apns-server.pem"),
                Pem.of("CERTIFICATE", certificate.getEncoded()));

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair signing = ec.generateKeyPair();
        signingKeyFile = Files.writeString(dir.resolve("AuthKey_" + KEY_ID + ".p8"),
                Pem.of("PRIVATE KEY", signing.getPrivate().getEncoded()));
        ApnsVerificationKey verification = new ApnsVerificationKey(KEY_ID, TEAM_ID, (ECPublicKey) signing.getPublic());

        Set<String> known = new HashSet<>(live);
        known.addAll(dead);
        Map<String, Instant> deadSince = new HashMap<>();
        dead.forEach(token -> deadSince.put(token, Instant.parse("2026-01-01T00:00:00Z")));
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[]{certificate}, serverKey, null)
                .setHandlerFactory(new ValidatingPushNotificationHandlerFactory(Map.of(topic, known), deadSince,
                        Map.of(KEY_ID, verification), Map.of(verification, Set.of(topic))))
                .setListener(new Recorder())
                .build();
        port = server.start(0).get(30, TimeUnit.SECONDS);
    }

    public static ApnsPeer start(Path dir, String topic, Set<String> liveTokens, Set<String> deadTokens)
            throws Exception {
        return new ApnsPeer(dir, topic, liveTokens, deadTokens);
    }

    public int port() {
        return port;
    }

    public Path certificateFile() {
        return certificateFile;
    }

    public Path signingKeyFile() {
        return signingKeyFile;
    }

    public String topic() {
        return topic;
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(30, TimeUnit.SECONDS);
    }

    private static void runKeytool(Path keystore) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "apns", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private final class Recorder implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            String path = String.valueOf(headers.path());
            accepted.add(new Accepted(path.substring(path.lastIndexOf('/') + 1),
                    payload == null ? "" : payload.toString(StandardCharsets.UTF_8)));
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                                                   Instant deviceTokenExpirationTimestamp) {
        }
    }
}
