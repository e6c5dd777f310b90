package dev.herald.providers.apns;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpSettings;
import dev.herald.providers.push.KeySource;
import dev.herald.testkit.TestOutbound;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.net.ServerSocket;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the provider against Pushy's mock APNs server: real HTTP/2 over TLS, provider tokens verified. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApnsPushProviderTest {
    private static final String TOPIC = "dev.herald.example";
    private static final String TEAM_ID = "TEAM123456";
    private static final String KEY_ID = "KEY1234567";
    private static final String LIVE_TOKEN = "a".repeat(64);
    private static final String DEAD_TOKEN = "d".repeat(64);
    private static final Instant DEAD_SINCE = Instant.parse("2026-01-02T03:04:05Z");

    private final JsonMapper json = JsonMapper.builder().build();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    // One server and one provider serve the whole class (closing each takes Netty's 2 s quiet period); every test
    // sets how the server answers.
    private final AtomicReference<PushNotificationHandlerFactory> answers = new AtomicReference<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private CountDownLatch releaseStalledAnswers = new CountDownLatch(0);
    private Path dir;
    private X509Certificate serverCertificate;
    private PrivateKey serverKey;
    private Path serverCertificateFile;
    private Path signingKeyFile;
    private ApnsVerificationKey verificationKey;
    private ApnsPushProvider provider;
    private int port;

    /** The peer's view of one accepted notification. */
    record Received(Map<String, String> headers, String payload) {
    }

    @BeforeAll
    void startApns(@TempDir Path dir) throws Exception {
        this.dir = dir;
        serverTlsCertificate();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair signing = ec.generateKeyPair();
        signingKeyFile = Files.writeString(dir.resolve("AuthKey_" + KEY_ID + ".p8"),
                pem("PRIVATE KEY", signing.getPrivate().getEncoded()));
        verificationKey = new ApnsVerificationKey(KEY_ID, TEAM_ID, (ECPublicKey) signing.getPublic());
        MockApnsServer server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {serverCertificate}, serverKey, null)
                .setHandlerFactory(session -> (headers, payload) ->
                        answers.get().buildHandler(session).handlePushNotification(headers, payload))
                .setListener(new Recorder())
                .build();
        port = server.start(0).get(10, TimeUnit.SECONDS);
        toClose.add(() -> server.shutdown().get(10, TimeUnit.SECONDS));
        provider = provider(port);
        // Connects ahead, so the first test's deadline is not spent on the TLS handshake.
        answers.set(validating());
        provider.send(push("apns:" + LIVE_TOKEN));
    }

    @AfterEach
    void releaseTheServer() {
        releaseStalledAnswers.countDown();
        received.clear();
    }

    @AfterAll
    void stopApns() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @Test
    void sendsAnAlertSignedWithTheProviderTokenAndReturnsTheApnsId() throws Exception {
        answers.set(validating());
        OutboundMessage message = push("apns:" + LIVE_TOKEN);

        SendResult result = provider.send(message);

        assertThat(result).isInstanceOfSatisfying(SendResult.Sent.class, sent -> {
            assertThat(sent.provider()).isEqualTo("apns");
            assertThat(UUID.fromString(sent.providerMessageId())).isNotNull();
        });
        Received notification = receivedFor(message);
        assertThat(notification.headers())
                .containsEntry(":method", "POST")
                .containsEntry(":path", "/3/device/" + LIVE_TOKEN)
                .containsEntry("apns-topic", TOPIC)
                .containsEntry("apns-push-type", "alert")
                .containsEntry("apns-priority", "10")
                .containsKey("apns-expiration");
        String[] jwt = notification.headers().get("authorization").substring("bearer ".length()).split("\\.");
        JsonNode jwtHeader = json.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(jwtHeader.path("alg").stringValue()).isEqualTo("ES256");
        assertThat(jwtHeader.path("kid").stringValue()).isEqualTo(KEY_ID);
        assertThat(claims.path("iss").stringValue()).isEqualTo(TEAM_ID);
        JsonNode payload = json.readTree(notification.payload());
        assertThat(payload.path("aps").path("alert").path("title").stringValue()).isEqualTo("Your order shipped");
        assertThat(payload.path("aps").path("alert").path("body").stringValue()).isEqualTo("Order #42 is on its way");
        assertThat(payload.path("deliveryId").stringValue()).isEqualTo(message.deliveryId().toString());
        assertThat(payload.path("notificationId").stringValue()).isEqualTo(message.notificationId().toString());
        assertThat(payload.path("type").stringValue()).isEqualTo("order.shipped");
    }

    @Test
    void anUnregisteredTokenIsRejectedAsAnInvalidAddress() throws Exception {
        answers.set(validating());

        SendResult result = provider.send(push("apns:" + DEAD_TOKEN));

        assertThat(result).isEqualTo(new SendResult.Rejected("apns",
                "device token is not usable: APNs Unregistered (HTTP 410), inactive since " + DEAD_SINCE, true));
    }

    @Test
    void aMalformedTokenIsRejectedAsAnInvalidAddress() throws Exception {
        answers.set(validating());

        SendResult result = provider.send(push("apns:not-a-device-token"));

        assertThat(result).isEqualTo(new SendResult.Rejected("apns",
                "device token is not usable: APNs BadDeviceToken (HTTP 400)", true));
    }

    @Test
    void aTokenOfAnotherAppIsRejectedButKeptSinceOurTopicMayBeWrong() throws Exception {
        answers.set(validating());

        SendResult result = provider.send(push("apns:" + "b".repeat(64)));

        assertThat(result).isEqualTo(new SendResult.Rejected("apns", "device token is not for topic " + TOPIC
                + " (check the configured topic): APNs DeviceTokenNotForTopic (HTTP 400)", false));
    }

    @Test
    void aRefusedPayloadIsRejectedForGoodWithoutBlamingTheToken() throws Exception {
        answers.set(rejecting(RejectionReason.PAYLOAD_TOO_LARGE));

        SendResult result = provider.send(push("apns:" + LIVE_TOKEN));

        assertThat(result).isEqualTo(new SendResult.Rejected("apns", "APNs PayloadTooLarge (HTTP 413)", false));
    }

    @Test
    void anInternalServerErrorIsRetried() throws Exception {
        answers.set(rejecting(RejectionReason.INTERNAL_SERVER_ERROR));

        SendResult result = provider.send(push("apns:" + LIVE_TOKEN));

        assertThat(result).isEqualTo(new SendResult.Retry("apns", "APNs InternalServerError (HTTP 500)"));
    }

    @Test
    void tooManyRequestsIsRetried() throws Exception {
        answers.set(rejecting(RejectionReason.TOO_MANY_REQUESTS));

        SendResult result = provider.send(push("apns:" + LIVE_TOKEN));

        // APNs throttles one device token at a time: retried, but not held against APNs.
        assertThat(result).isEqualTo(SendResult.Retry.forRecipient("apns", "APNs TooManyRequests (HTTP 429)"));
    }

    @Test
    void anExpiredProviderTokenIsRetriedAndCallsForAnOperator() throws Exception {
        answers.set(rejecting(RejectionReason.EXPIRED_PROVIDER_TOKEN));

        SendResult result = provider.send(push("apns:" + LIVE_TOKEN));

        assertThat(result).isEqualTo(new SendResult.Retry("apns", "APNs refused Herald's credentials; an operator "
                + "must check the signing key, team id, key id and topic: APNs ExpiredProviderToken (HTTP 403)"));
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsRetried() throws Exception {
        answers.set(stalling());

        SendResult result = provider.send(push("apns:" + LIVE_TOKEN));

        assertThat(result).isEqualTo(new SendResult.Retry("apns", "no answer from APNs within 1000 ms"));
    }

    @Test
    void anUnreachableServerIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ApnsPushProvider unreachable = provider(closedPort);

        SendResult result = unreachable.send(push("apns:" + LIVE_TOKEN));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).startsWith("could not reach APNs: "));
    }

    @Test
    void theKeyAndTrustedCertificatesMayBeGivenAsTextAndSendExactlyAsFromFiles() throws Exception {
        answers.set(validating());
        ApnsPushProvider inline = new ApnsPushProvider(new ApnsSettings("tenant-apns", "localhost", port,
                TOPIC, KeySource.inline("signing-key", Files.readString(signingKeyFile)), TEAM_ID, KEY_ID,
                KeySource.inline("trusted-server-certificates-pem", Files.readString(serverCertificateFile)),
                new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(1))), Clock.systemUTC());
        toClose.add(inline);
        OutboundMessage message = push("apns:" + LIVE_TOKEN);

        assertThat(inline.send(message)).isInstanceOf(SendResult.Sent.class);
        assertThat(receivedFor(message)).isNotNull();
    }

    @Test
    void anUnreadableInlineKeyIsNamedByItsSettingAndItsTextIsNeverQuoted() {
        String text = "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----";
        KeySource key = KeySource.inline("signing-key", text);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new ApnsPushProvider(new ApnsSettings(
                "apns", "localhost", port, TOPIC, key, TEAM_ID, KEY_ID, null, null), Clock.systemUTC())))
                .isInstanceOf(dev.herald.providers.push.UnreadableKey.class)
                .hasMessageContaining("signing-key").hasMessageNotContaining("MIGTAgEA").hasNoCause();
    }

    @Test
    void acceptsOnlyApnsTokens() {
        assertThat(provider.accepts("apns:" + LIVE_TOKEN)).isTrue();
        assertThat(provider.accepts("APNS:" + LIVE_TOKEN)).isTrue();
        assertThat(provider.accepts("fcm:device-token-1")).isFalse();
        assertThat(provider.accepts("device-token-1")).isFalse();
        assertThat(provider.accepts("")).isFalse();
    }

    @Test
    void anFcmTokenIsNotSentToApns() throws Exception {
        answers.set(validating());

        OutboundMessage message = push("fcm:device-token-1");

        SendResult result = provider.send(message);

        assertThat(result).isEqualTo(new SendResult.Rejected("apns", "not an APNs device token", false));
        assertThat(received).noneMatch(r -> r.payload().contains(message.deliveryId().toString()));
    }

    private ApnsPushProvider provider(int port) {
        ApnsPushProvider provider = new ApnsPushProvider(new ApnsSettings("apns", "localhost", port, TOPIC,
                KeySource.file(signingKeyFile), TEAM_ID, KEY_ID, KeySource.file(serverCertificateFile),
                new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(1))), Clock.systemUTC());
        toClose.add(provider);
        return provider;
    }

    /** The server records a notification just after answering it, so this waits for it rather than assume. */
    private Received receivedFor(OutboundMessage message) throws InterruptedException {
        for (Received r; (r = received.poll(5, TimeUnit.SECONDS)) != null; ) {
            if (r.payload().contains(message.deliveryId().toString())) {
                return r;
            }
        }
        throw new AssertionError("the server never received delivery " + message.deliveryId());
    }

    private static OutboundMessage push(String address) {
        return TestOutbound.to(Channel.PUSH, address, "Your order shipped", "Order #42 is on its way");
    }

    /** Apple's rules: the provider token must verify, the token must belong to the topic, and DEAD_TOKEN is gone. */
    private ValidatingPushNotificationHandlerFactory validating() {
        return new ValidatingPushNotificationHandlerFactory(
                Map.of(TOPIC, Set.of(LIVE_TOKEN, DEAD_TOKEN)),
                Map.of(DEAD_TOKEN, DEAD_SINCE),
                Map.of(KEY_ID, verificationKey),
                Map.of(verificationKey, Set.of(TOPIC)));
    }

    private static PushNotificationHandlerFactory rejecting(RejectionReason reason) {
        return session -> (headers, payload) -> {
            throw new RejectedNotificationException(reason);
        };
    }

    /** Holds every answer until the test is over, like a server that stopped responding. */
    private PushNotificationHandlerFactory stalling() {
        releaseStalledAnswers = new CountDownLatch(1);
        CountDownLatch release = releaseStalledAnswers;
        return session -> (headers, payload) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private final class Recorder implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            Map<String, String> copy = new HashMap<>();
            headers.forEach(header -> copy.put(header.getKey().toString(), header.getValue().toString()));
            received.add(new Received(copy, payload == null ? "" : payload.toString(StandardCharsets.UTF_8)));
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                                                   Instant deviceTokenExpirationTimestamp) {
        }
    }

    /** A self-signed certificate for localhost, made by the JDK's keytool so no extra crypto library is needed. */
    private void serverTlsCertificate() throws Exception {
        Path keystore = dir.resolve("apns-server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "apns", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        serverKey = (PrivateKey) store.getKey("apns", "changeit".toCharArray());
        serverCertificate = (X509Certificate) store.getCertificate("apns");
        serverCertificateFile = Files.writeString(dir.resolve("apns-server.pem"),
                pem("CERTIFICATE", serverCertificate.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
