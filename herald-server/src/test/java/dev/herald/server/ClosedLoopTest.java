package dev.herald.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The closed loop end to end: an email goes out through SMTP (GreenMail), the provider reports a bounce or a
 * complaint in its documented payload, signed in the test with its documented algorithm (SNS: RSA with a
 * self-signed certificate served over https by WireMock; SendGrid: ECDSA P-256), and Herald fails the delivery,
 * lists the address, and suppresses the next notification to it, naming the entry. Forged, stale, foreign and
 * replayed posts change nothing.
 */
class ClosedLoopTest extends EmbeddedHeraldTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:herald-ses-feedback";
    private static final String CERT_PATH = "/SimpleNotificationService-test.pem";
    private static final TestCertificate SNS = TestCertificate.create();
    private static final KeyPair SENDGRID = ecKeyPair();

    @RegisterExtension
    static WireMockExtension sns = WireMockExtension.newInstance().options(wireMockConfig().httpDisabled(true)
            .dynamicHttpsPort().keystorePath(SNS.keyStore().toString()).keystorePassword(SNS.password())
            .keyManagerPassword(SNS.password()).keystoreType("PKCS12")).build();

    @DynamicPropertySource
    static void inbound(DynamicPropertyRegistry registry) {
        registry.add("spring.ssl.bundle.jks.sns-test.truststore.location", () -> "file:" + SNS.trustStore());
        registry.add("spring.ssl.bundle.jks.sns-test.truststore.password", SNS::password);
        registry.add("spring.ssl.bundle.jks.sns-test.truststore.type", () -> "PKCS12");
        registry.add("herald.inbound.ses.ssl-bundle", () -> "sns-test");
        // The test's SNS is on localhost; the default is AWS's rule (sns.<region>.amazonaws.com).
        registry.add("herald.inbound.ses.cert-host-pattern", () -> "^localhost$");
        registry.add("herald.inbound.tenants.default.ses-topic-arns[0]", () -> TOPIC);
        registry.add("herald.inbound.tenants.default.sendgrid-public-key",
                () -> Base64.getEncoder().encodeToString(SENDGRID.getPublic().getEncoded()));
    }

    /**
     * The tenant_inbound store as the application uses it, counting its reads per tenant: what shows that a callback
     * refused on its signature read nothing of the tenant's.
     */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class CountedInboundReads {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        ReadCountingInboundSettings countedInboundSettings(dev.herald.jdbc.JdbcStores stores) {
            return new ReadCountingInboundSettings(stores.inboundSettings());
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    ReadCountingInboundSettings inboundReads;
    private String sfx;
    @org.springframework.beans.factory.annotation.Autowired
    dev.herald.core.notification.NotificationStore notifications;
    @org.springframework.beans.factory.annotation.Autowired
    dev.herald.jdbc.JdbcStores stores;

    @BeforeEach
    void serveTheCertificate() {
        sfx = UUID.randomUUID().toString().substring(0, 8);
        sns.stubFor(get(urlEqualTo(CERT_PATH)).willReturn(aResponse().withStatus(200).withBody(SNS.pem())));
    }

    // --- Amazon SES through SNS -----------------------------------------------------------------------------

    @Test
    void anSesHardBounceFailsTheDeliveryListsTheAddressAndSuppressesTheNextMail() {
        String address = "bounce-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        String bounce = sesBounce("Permanent", "General", "Bounce-" + sfx + "@Example.com", sent.messageId());

        Answer answer = postSns(notification(bounce, "2"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(204);
        JsonNode delivery = delivery(sent.notificationId());
        assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.get("lastError").asString()).contains("bounced").contains("Permanent/General");
        JsonNode entry = onlyEntry(address);
        assertThat(entry.get("reason").asString()).isEqualTo("HARD_BOUNCE");
        assertThat(entry.get("source").asString()).isEqualTo("ses");
        assertThat(entry.get("deliveryId").asString()).isEqualTo(sent.deliveryId());
        assertThat(failedHistory(sent.deliveryId())).isEqualTo(1);

        JsonNode next = delivery(sendEmailNow(address));
        assertThat(next.get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(next.get("lastError").asString())
                .startsWith("address on the suppression list: HARD_BOUNCE since ").endsWith("(ses)");
        assertThat(next.get("history").get(0).get("detail").asString()).contains("HARD_BOUNCE");
        assertThat(metrics()).contains("herald_inbound_events_total{outcome=\"applied\",provider=\"ses\"}");
    }

    @Test
    void theSameSnsMessageTwiceChangesNothingTheSecondTime() {
        String address = "twice-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        String message = notification(sesBounce("Permanent", "NoEmail", address, sent.messageId()), "1");
        assertThat(postSns(message).status()).isEqualTo(204);
        String entry = onlyEntry(address).toString();

        assertThat(postSns(message).status()).isEqualTo(204);

        assertThat(failedHistory(sent.deliveryId())).isEqualTo(1);
        assertThat(onlyEntry(address).toString()).isEqualTo(entry);
    }

    @Test
    void aTransientBounceIsOnlyCountedAndAComplaintListsTheAddressWithoutFailingTheDelivery() {
        String address = "soft-" + sfx + "@example.com";
        Sent sent = sendEmail(address);

        assertThat(postSns(notification(sesBounce("Transient", "MailboxFull", address, sent.messageId()), "2"))
                .status()).isEqualTo(204);
        assertThat(delivery(sent.notificationId()).get("status").asString()).isEqualTo("SENT");
        assertThat(entries(address)).isEmpty();

        assertThat(postSns(notification(sesComplaint(address, sent.messageId()), "2")).status()).isEqualTo(204);
        assertThat(delivery(sent.notificationId()).get("status").asString()).isEqualTo("SENT");
        assertThat(onlyEntry(address).get("reason").asString()).isEqualTo("COMPLAINT");
    }

    @Test
    void aComplaintIsRecordedOnceInTheDeliverysTimelineWithoutChangingItsStatus() {
        String address = "complaint-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        String complaint = notification(sesComplaint(address, sent.messageId()), "2");

        assertThat(postSns(complaint).status()).isEqualTo(204);
        assertThat(postSns(notification(sesComplaint(address, sent.messageId()), "2")).status()).isEqualTo(204);

        JsonNode delivery = delivery(sent.notificationId());
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        java.util.List<JsonNode> history = new java.util.ArrayList<>();
        delivery.get("history").forEach(history::add);
        assertThat(history).filteredOn(h -> h.has("event")).singleElement().satisfies(h -> {
            assertThat(h.get("event").asString()).isEqualTo("COMPLAINT");
            assertThat(h.get("status").asString()).isEqualTo("SENT");
            assertThat(h.get("detail").asString()).isEqualTo("complaint (ses: abuse)");
        });
        assertThat(history.getFirst().has("event")).as("status changes carry no event").isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM status_outbox WHERE delivery_id = ? AND status = 'SENT'",
                Long.class, UUID.fromString(sent.deliveryId()))).as("a complaint is no status event").isLessThan(2);
    }

    @Test
    void aHardBounceAfterADeliveryReceiptStillFailsTheDelivery() {
        String address = "late-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        // The relay reported it delivered (accepted by the recipient's server), and the bounce came later.
        assertThat(notifications.recordReceipt(dev.herald.core.model.TenantId.defaultTenant(),
                UUID.fromString(sent.deliveryId()), dev.herald.core.model.DeliveryStatus.DELIVERED, Instant.now(),
                "relay accepted")).isTrue();

        assertThat(postSns(notification(sesBounce("Permanent", "General", address, sent.messageId()), "2"))
                .status()).isEqualTo(204);

        JsonNode delivery = delivery(sent.notificationId());
        assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.get("lastError").asString()).contains("bounced").contains("Permanent/General");
        java.util.List<String> statuses = new java.util.ArrayList<>();
        delivery.get("history").forEach(h -> statuses.add(h.get("status").asString()));
        assertThat(statuses).containsExactly("QUEUED", "SENT", "DELIVERED", "FAILED");
        assertThat(onlyEntry(address).get("deliveryId").asString()).isEqualTo(sent.deliveryId());
    }

    @Test
    void anSesMessageIdWithoutItsAngleBracketsIsMatched() {
        String address = "bare-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        String bare = sent.messageId().substring(1, sent.messageId().length() - 1);

        assertThat(postSns(notification(sesBounce("Permanent", "General", address, bare), "2")).status())
                .isEqualTo(204);

        assertThat(delivery(sent.notificationId()).get("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void anSesBounceWithoutTheOriginalHeadersListsTheAddressButMatchesNoDelivery() {
        String address = "noheaders-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        // SES sends commonHeaders only when the identity's notifications include original headers; mail.messageId is
        // SES's own id, which an SMTP send never stored.
        String bounce = sesBounce("Permanent", "General", address, sent.messageId())
                .replaceAll(",\\s*\"headersTruncated\":false,\\s*\"commonHeaders\":\\{[^}]*\\}", "");
        assertThat(bounce).doesNotContain("commonHeaders");

        assertThat(postSns(notification(bounce, "2")).status()).isEqualTo(204);

        assertThat(delivery(sent.notificationId()).get("status").asString()).isEqualTo("SENT");
        assertThat(onlyEntry(address).get("reason").asString()).isEqualTo("HARD_BOUNCE");
        assertThat(onlyEntry(address).has("deliveryId")).isFalse();
    }

    @Test
    void anSesDeliveryMovesTheDeliveryToDeliveredOnceAsAReceipt() {
        String address = "delivered-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        String delivery = notification(sesDelivery(address, "0000014644fe5ef6-9a483358-9170-4cb4-a269-f5dcdf415321-000000",
                sent.messageId()), "2");

        assertThat(postSns(delivery).status()).isEqualTo(204);
        assertThat(postSns(delivery).status()).isEqualTo(204);

        JsonNode d = delivery(sent.notificationId());
        assertThat(d.get("status").asString()).isEqualTo("DELIVERED");
        java.util.List<String> statuses = new java.util.ArrayList<>();
        d.get("history").forEach(h -> statuses.add(h.get("status").asString()));
        assertThat(statuses).containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(d.get("history").get(2).get("detail").asString()).isEqualTo("delivered (ses)");
        assertThat(entries(address)).as("a receipt lists nothing").isEmpty();
        assertThat(metrics()).contains("herald_inbound_events_total{outcome=\"duplicate\",provider=\"ses\"}");

        // A bounce after the receipt still fails it (BOUNCE moves DELIVERED too); a late receipt then changes nothing.
        assertThat(postSns(notification(sesBounce("Permanent", "General", address, sent.messageId()), "2"))
                .status()).isEqualTo(204);
        assertThat(postSns(notification(sesDelivery(address, "00000146-late", sent.messageId()), "2")).status())
                .isEqualTo(204);
        assertThat(delivery(sent.notificationId()).get("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void anSesEventNamingTheMessageBySesOwnIdIsMatchedWithoutTheOriginalHeaders() {
        String address = "sesid-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        // What the SMTP provider stores when the relay is SES (its "250 Ok <id>" reply; SmtpEmailProviderTest).
        String sesId = "0102018c7f3a9b1e-" + UUID.randomUUID() + "-000000";
        jdbc.update("UPDATE delivery SET provider_message_id = ? WHERE id = ?", sesId,
                UUID.fromString(sent.deliveryId()));
        String delivery = sesDelivery(address, sesId, "<not-stored@example.com>")
                .replaceAll(",\\s*\"headersTruncated\":false,\\s*\"commonHeaders\":\\{[^}]*\\}", "");
        assertThat(delivery).doesNotContain("commonHeaders");

        assertThat(postSns(notification(delivery, "2")).status()).isEqualTo(204);

        assertThat(delivery(sent.notificationId()).get("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void anSesReceiptForAMessageNoDeliveryCarriesIsAnsweredAndCountedAsUnmatched() {
        String address = "unknown-" + sfx + "@example.com";

        Answer answer = postSns(notification(sesDelivery(address, "0000014644fe5ef6-" + UUID.randomUUID() + "-000000",
                "<unknown-" + sfx + "@example.com>"), "2"));

        assertThat(answer.status()).as("a 2xx, or SNS posts it again").isEqualTo(204);
        assertThat(entries(address)).isEmpty();
        assertThat(metrics()).contains("herald_inbound_events_total{outcome=\"unmatched\",provider=\"ses\"}");
    }

    @Test
    void anSesRejectFailsTheDeliveryWithoutListingTheAddress() {
        String address = "reject-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        // Event publishing's Reject (a configuration set's SNS destination): SES took the message, then refused it.
        String reject = """
                {"eventType":"Reject",
                 "mail":{"timestamp":"2026-12-02T09:59:37.000Z","source":"herald@example.com",
                   "sendingAccountId":"123456789012",
                   "messageId":"EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000",
                   "destination":["%s"],"headersTruncated":false,
                   "commonHeaders":{"from":["herald@example.com"],"to":["%s"],"messageId":"%s","subject":"Hello"},
                   "tags":{"ses:configuration-set":["ConfigSet"]}},
                 "reject":{"reason":"Bad content"}}""".formatted(address, address, sent.messageId());

        assertThat(postSns(notification(reject, "2")).status()).isEqualTo(204);

        JsonNode d = delivery(sent.notificationId());
        assertThat(d.get("status").asString()).isEqualTo("FAILED");
        assertThat(d.get("lastError").asString()).isEqualTo("dropped (ses: reject/Bad content)");
        assertThat(entries(address)).isEmpty();
    }

    @Test
    void junkAndForgedSnsPostsAreRefusedBeforeAnyReadOfTheTenantsSettings() {
        String tenant = "junk-" + sfx; // never read before, so nothing of it is cached
        String bounce = sesBounce("Permanent", "General", "junk@example.com", "<junk@example.com>");
        ObjectNode forged = (ObjectNode) JSON.readTree(signedSns("Notification", bounce, TOPIC, Instant.now(), "2",
                certUrl(), null));
        forged.put("Message", bounce.replace("Permanent", "Permanent "));

        assertRefused(postSns(tenant, forged.toString()));
        assertRefused(postSns(tenant, signedSns("Notification", bounce, TOPIC, Instant.now(), "2",
                "https://attacker.example/cert.pem", null)));
        assertRefused(postSns(tenant, signedSns("Notification", bounce, TOPIC, Instant.now(), "9", certUrl(), null)));
        assertThat(inboundReads.of(tenant)).as("reads of the tenant's inbound settings").isZero();

        // A message SNS did sign is checked against the tenant's topics: one read, then cached.
        assertRefused(postSns(tenant, notification(bounce, "2")));
        assertRefused(postSns(tenant, notification(bounce, "2")));
        assertThat(inboundReads.of(tenant)).isOne();
    }

    @Test
    void forgedForeignStaleAndOffHostSnsMessagesAreRefusedAndWriteNothing() {
        String address = "forged-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        String bounce = sesBounce("Permanent", "General", address, sent.messageId());
        long before = rows("suppression");

        ObjectNode forged = (ObjectNode) JSON.readTree(notification(bounce, "2"));
        forged.put("Message", bounce.replace("Permanent", "Permanent "));
        assertRefused(postSns(forged.toString()));
        assertRefused(postSns(signedSns("Notification", bounce, "arn:aws:sns:us-east-1:999999999999:other",
                Instant.now(), "2", certUrl(), null)));
        assertRefused(postSns(signedSns("Notification", bounce, TOPIC, Instant.now().minus(Duration.ofDays(2)),
                "2", certUrl(), null)));
        assertRefused(postSns(signedSns("Notification", bounce, TOPIC, Instant.now(), "2",
                "https://127.0.0.1:" + sns.getHttpsPort() + CERT_PATH, null)));
        assertRefused(postSns(signedSns("Notification", bounce, TOPIC, Instant.now(), "3", certUrl(), null)));
        assertRefused(herald.withKey(null).send(herald.withKey(null).request("/api/v1/callbacks/ses/other-tenant",
                "Content-Type", "text/plain; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(
                notification(bounce, "2")))));

        assertThat(rows("suppression")).isEqualTo(before);
        assertThat(delivery(sent.notificationId()).get("status").asString()).isEqualTo("SENT");
        assertThat(metrics()).contains("herald_inbound_events_total{outcome=\"refused\",provider=\"ses\"}");
    }

    @Test
    void aSubscriptionConfirmationIsConfirmedOnlyAtAnSnsHost() {
        String subscribe = "https://localhost:" + sns.getHttpsPort()
                + "/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=tok-" + sfx;
        sns.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withBody("<ConfirmSubscriptionResponse/>")));

        assertThat(postSns(signedSns("SubscriptionConfirmation", "You have chosen to subscribe to the topic "
                + TOPIC, TOPIC, Instant.now(), "1", certUrl(), subscribe)).status()).isEqualTo(204);

        sns.verify(1, getRequestedFor(urlEqualTo("/?Action=ConfirmSubscription&TopicArn=" + TOPIC
                + "&Token=tok-" + sfx)));
        String elsewhere = "https://127.0.0.1:" + sns.getHttpsPort() + "/?Action=ConfirmSubscription&Token=x" + sfx;
        assertThat(postSns(signedSns("SubscriptionConfirmation", "subscribe", TOPIC, Instant.now(), "2", certUrl(),
                elsewhere)).status()).isEqualTo(503);
        sns.verify(0, getRequestedFor(urlEqualTo("/?Action=ConfirmSubscription&Token=x" + sfx)));
    }

    // --- SendGrid Event Webhook -----------------------------------------------------------------------------

    @Test
    void aSendGridBounceFailsTheDeliveryListsTheAddressAndSuppressesTheNextMail() {
        String address = "sg-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        String events = """
                [{"email":"%s","timestamp":%d,"smtp-id":"%s","event":"processed","category":["cat facts"],
                  "sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000"},
                 {"email":"%s","timestamp":%d,"smtp-id":"%s","event":"bounce","category":["cat facts"],
                  "sg_event_id":"6g4ZI7SA-xmRDv57GoPIPw==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
                  "reason":"500 unknown recipient","status":"5.0.0","type":"bounce"}]"""
                .formatted(address, Instant.now().getEpochSecond(), sent.messageId(), address,
                        Instant.now().getEpochSecond(), sent.messageId());

        Answer answer = postSendGrid("default", events, Instant.now());

        assertThat(answer.status()).as(answer.text()).isEqualTo(204);
        JsonNode delivery = delivery(sent.notificationId());
        assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.get("lastError").asString()).contains("bounced").contains("sendgrid");
        JsonNode entry = onlyEntry(address);
        assertThat(entry.get("reason").asString()).isEqualTo("HARD_BOUNCE");
        assertThat(entry.get("source").asString()).isEqualTo("sendgrid");
        assertThat(entry.get("deliveryId").asString()).isEqualTo(sent.deliveryId());
        JsonNode next = delivery(sendEmailNow(address));
        assertThat(next.get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(next.get("lastError").asString()).contains("HARD_BOUNCE since").endsWith("(sendgrid)");

        assertThat(postSendGrid("default", events, Instant.now()).status()).isEqualTo(204);
        assertThat(failedHistory(sent.deliveryId())).isEqualTo(1);
    }

    @Test
    void sendGridSpamReportsAndDropsAreListedAndBlocksAreNot() {
        String spam = "spam-" + sfx + "@example.com";
        String dropped = "dropped-" + sfx + "@example.com";
        String blocked = "blocked-" + sfx + "@example.com";
        String events = """
                [{"email":"%s","timestamp":1513299569,"smtp-id":"<none-1@x>","event":"spamreport",
                  "sg_event_id":"a1","sg_message_id":"m1"},
                 {"email":"%s","timestamp":1513299569,"smtp-id":"<none-2@x>","event":"dropped",
                  "reason":"Bounced Address","status":"5.0.0","sg_event_id":"a2","sg_message_id":"m2"},
                 {"email":"%s","timestamp":1513299569,"smtp-id":"<none-3@x>","event":"bounce","type":"blocked",
                  "reason":"550 blocked","status":"5.0.0","sg_event_id":"a3","sg_message_id":"m3"}]"""
                .formatted(spam, dropped, blocked);

        assertThat(postSendGrid("default", events, Instant.now()).status()).isEqualTo(204);

        assertThat(onlyEntry(spam).get("reason").asString()).isEqualTo("COMPLAINT");
        assertThat(onlyEntry(dropped).get("reason").asString()).isEqualTo("HARD_BOUNCE");
        assertThat(onlyEntry(dropped).path("deliveryId").asString(null)).isNull();
        assertThat(entries(blocked)).isEmpty();
    }

    @Test
    void aSendGridBatchLargerThanASingleRequestsCapIsRead() {
        // SendGrid batches up to 768 KB; 1,500 delivered events of ~300 bytes pass the 256 KB single-request cap.
        String spam = "big-batch-" + sfx + "@example.com";
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 1_500; i++) {
            events.append("""
                    {"email":"ok-%d@example.com","timestamp":1513299569,"smtp-id":"<none-%d@x>","event":"delivered",\
                    "response":"250 OK %s","sg_event_id":"e%d","sg_message_id":"m%d"},"""
                    .formatted(i, i, "x".repeat(120), i, i));
        }
        events.append("""
                {"email":"%s","timestamp":1513299569,"smtp-id":"<none-big@x>","event":"spamreport",\
                "sg_event_id":"last","sg_message_id":"last"}]""".formatted(spam));
        assertThat(events.length()).isGreaterThan(256 * 1024);

        assertThat(postSendGrid("default", events.toString(), Instant.now()).status()).isEqualTo(204);

        assertThat(onlyEntry(spam).get("reason").asString()).isEqualTo("COMPLAINT");
    }

    @Test
    void forgedStaleAndUnconfiguredSendGridPostsAreRefusedAndWriteNothing() {
        String address = "sg-forged-" + sfx + "@example.com";
        String events = """
                [{"email":"%s","timestamp":1513299569,"event":"spamreport","sg_event_id":"f1","sg_message_id":"f"}]"""
                .formatted(address);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = sendGridSignature(timestamp, events);

        assertRefused(postSendGrid("default", events.replace("spamreport", "bounce"), timestamp, signature));
        assertRefused(postSendGrid("default", events, String.valueOf(Instant.now().getEpochSecond() - 3600),
                sendGridSignature(String.valueOf(Instant.now().getEpochSecond() - 3600), events)));
        assertRefused(postSendGrid("other-tenant", events, timestamp, signature));
        assertRefused(postSendGrid("default", events, timestamp, null));

        assertThat(entries(address)).isEmpty();
    }

    @Test
    void sendGridDeliveredIsAReceiptAndDeferredOpenAndClickChangeNothing() {
        String address = "sg-delivered-" + sfx + "@example.com";
        Sent sent = sendEmail(address);
        long now = Instant.now().getEpochSecond();
        // SendGrid's documented examples of each event, naming the message by the smtp-id Herald stored.
        String events = """
                [{"email":"%1$s","timestamp":%2$d,"smtp-id":"%3$s","event":"processed","category":"cat facts",
                  "sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"},
                 {"email":"%1$s","timestamp":%2$d,"smtp-id":"%3$s","event":"deferred","category":"cat facts",
                  "sg_event_id":"t7LEShmowp86DTdUW8M-GQ==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
                  "response":"400 try again later","attempt":"5"},
                 {"email":"%1$s","timestamp":%2$d,"smtp-id":"%3$s","event":"delivered","category":"cat facts",
                  "sg_event_id":"rWVYmVk90MjZJ9iohOBa3w==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
                  "response":"250 OK"},
                 {"email":"%1$s","timestamp":%2$d,"event":"open","sg_machine_open":false,"category":"cat facts",
                  "sg_event_id":"FOTFFO0ecsBE-zxFXfs6WA==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
                  "useragent":"Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)",
                  "ip":"255.255.255.255"},
                 {"email":"%1$s","timestamp":%2$d,"event":"click","category":"cat facts",
                  "sg_event_id":"kCAi1KttyQdEKHhdC-nuEA==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
                  "useragent":"Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)",
                  "ip":"255.255.255.255","url":"http://www.sendgrid.com/"}]"""
                .formatted(address, now, sent.messageId());

        assertThat(postSendGrid("default", events, Instant.now()).status()).isEqualTo(204);
        assertThat(postSendGrid("default", events, Instant.now()).status()).isEqualTo(204);

        JsonNode d = delivery(sent.notificationId());
        assertThat(d.get("status").asString()).as("an open is not READ").isEqualTo("DELIVERED");
        java.util.List<String> statuses = new java.util.ArrayList<>();
        d.get("history").forEach(h -> statuses.add(h.get("status").asString()));
        assertThat(statuses).containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(d.get("history").get(2).get("detail").asString()).isEqualTo("delivered (sendgrid)");
        assertThat(entries(address)).isEmpty();
        assertThat(metrics()).contains("herald_inbound_events_total{outcome=\"ignored\",provider=\"sendgrid\"}");
    }

    @Test
    void aSendGridDropFailsTheDeliveryNamingWhyAndListsOnlyBouncedAndSpamReportingAddresses() {
        Sent unsubscribed = sendEmail("sg-unsub-" + sfx + "@example.com");
        Sent bounced = sendEmail("sg-dropbounce-" + sfx + "@example.com");
        Sent reported = sendEmail("sg-dropspam-" + sfx + "@example.com");
        String events = """
                [%s,%s,%s,
                 {"email":"sg-nobody-%s@example.com","timestamp":1513299569,"smtp-id":"<unknown-%s@x>","event":"delivered",
                  "sg_event_id":"u1","sg_message_id":"u1","response":"250 OK"}]""".formatted(
                sendGridDrop("sg-unsub-" + sfx + "@example.com", unsubscribed.messageId(), "Unsubscribed Address"),
                sendGridDrop("sg-dropbounce-" + sfx + "@example.com", bounced.messageId(), "Bounced Address"),
                sendGridDrop("sg-dropspam-" + sfx + "@example.com", reported.messageId(), "Spam Reporting Address"),
                sfx, sfx);

        assertThat(postSendGrid("default", events, Instant.now()).status()).isEqualTo(204);

        JsonNode unsub = delivery(unsubscribed.notificationId());
        assertThat(unsub.get("status").asString()).isEqualTo("FAILED");
        assertThat(unsub.get("lastError").asString()).isEqualTo("dropped (sendgrid: Unsubscribed Address)");
        assertThat(entries("sg-unsub-" + sfx + "@example.com")).isEmpty();
        assertThat(delivery(bounced.notificationId()).get("lastError").asString())
                .isEqualTo("dropped (sendgrid: Bounced Address)");
        assertThat(onlyEntry("sg-dropbounce-" + sfx + "@example.com").get("reason").asString())
                .isEqualTo("HARD_BOUNCE");
        assertThat(delivery(reported.notificationId()).get("status").asString()).isEqualTo("FAILED");
        JsonNode complaint = onlyEntry("sg-dropspam-" + sfx + "@example.com");
        assertThat(complaint.get("reason").asString()).isEqualTo("COMPLAINT");
        assertThat(complaint.get("deliveryId").asString()).isEqualTo(reported.deliveryId());
        assertThat(entries("sg-nobody-" + sfx + "@example.com")).isEmpty();
        assertThat(metrics()).contains(
                "herald_inbound_events_total{outcome=\"unmatched\",provider=\"sendgrid\"}");
    }

    @Test
    void sendGridPostsForATenantWithoutAKeyReadItsSettingsOnceNotOncePerPost() {
        String tenant = "nokey-" + sfx;
        String events = "[{\"email\":\"a@example.com\",\"timestamp\":1513299569,\"event\":\"delivered\"}]";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());

        for (int i = 0; i < 5; i++) {
            assertRefused(postSendGrid(tenant, events, timestamp, sendGridSignature(timestamp, events)));
        }

        // The key is the tenant's, so it is looked up first; "none" is remembered like a key (NodeCache, 30 s).
        assertThat(inboundReads.of(tenant)).isOne();
    }

    // --- settings set through the API only ---------------------------------------------------------------------

    @Test
    void aTenantWhoseSettingsComeFromTheApiOnlyClosesTheLoopAndADeletionTakesEffectAtOnce() {
        String tenantId = "loop-api-" + sfx;
        stores.apiKeys().ensureTenant(new TenantId(tenantId), "Loop via API");
        HeraldClient tenant = herald.withKey(apiKeys.issue(new TenantId(tenantId), "admin",
                Set.of(Scope.ADMIN)).secret());
        assertThat(tenant.put("/api/v1/types/loop.test", "{\"channels\":[\"EMAIL\"]}").status()).isEqualTo(201);
        String topic = "arn:aws:sns:eu-west-1:123456789012:api-only-" + sfx;
        KeyPair sendGridKeys = ecKeyPair();
        String address = "api-bounce-" + sfx + "@example.com";
        Sent sent = sendEmail(tenant, address);
        String bounce = signedSns("Notification", sesBounce("Permanent", "General", address, sent.messageId()), topic,
                Instant.now(), "2", certUrl(), null);
        String spam = "[{\"email\":\"api-spam-%s@example.com\",\"timestamp\":1513299569,\"event\":\"spamreport\","
                .formatted(sfx) + "\"sg_event_id\":\"a1\",\"sg_message_id\":\"a\"}]";
        String now = String.valueOf(Instant.now().getEpochSecond());
        String spamSignature = sendGridSignature(sendGridKeys, now, spam);
        // Nothing in configuration names this tenant: refused until its admin sets its own.
        assertRefused(postSns(tenantId, bounce));
        assertRefused(postSendGrid(tenantId, spam, now, spamSignature));

        JsonNode ses = tenant.put("/api/v1/inbound/ses", "{\"topicArns\":[\"" + topic + "\"]}").body();
        assertThat(ses.get("source").asString()).isEqualTo("api");
        String publicKey = Base64.getEncoder().encodeToString(sendGridKeys.getPublic().getEncoded());
        assertThat(tenant.put("/api/v1/inbound/sendgrid", "{\"publicKey\":\"" + publicKey + "\"}").body()
                .get("publicKey").asString()).isEqualTo(publicKey);

        assertThat(postSns(tenantId, bounce).status()).isEqualTo(204);
        JsonNode delivery = tenant.get("/api/v1/notifications/" + sent.notificationId()).body().get("deliveries")
                .get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
        assertThat(tenant.get("/api/v1/suppressions?address=" + address).body().get("items").get(0).get("reason")
                .asString()).isEqualTo("HARD_BOUNCE");
        assertThat(postSendGrid(tenantId, spam, now, spamSignature).status()).isEqualTo(204);
        assertThat(tenant.get("/api/v1/suppressions?address=api-spam-" + sfx + "@example.com").body().get("items")
                .get(0).get("reason").asString()).isEqualTo("COMPLAINT");
        // The default tenant's configured key does not open this tenant's door, nor this tenant's the default's.
        assertRefused(postSendGrid(tenantId, spam, now, sendGridSignature(SENDGRID, now, spam)));

        // The audit log says which provider changed, never the key.
        JsonNode audit = tenant.get("/api/v1/audit?action=inbound.saved").body().get("items");
        assertThat(audit.findValuesAsString("target")).containsExactlyInAnyOrder("inbound:ses", "inbound:sendgrid");
        assertThat(audit.toString()).doesNotContain(publicKey);

        assertThat(tenant.delete("/api/v1/inbound/ses").status()).isEqualTo(204);
        assertThat(tenant.get("/api/v1/inbound/ses").body().get("source").asString()).isEqualTo("none");
        assertRefused(postSns(tenantId, signedSns("Notification", sesBounce("Permanent", "General", address,
                sent.messageId()), topic, Instant.now(), "2", certUrl(), null)));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private record Sent(String notificationId, String deliveryId, String messageId) {
    }

    /** An email through GreenMail, waited for until SENT: the Message-ID is what providers echo back. */
    private Sent sendEmail(String address) {
        return sendEmail(herald, address);
    }

    private Sent sendEmail(HeraldClient tenant, String address) {
        Answer sent = tenant.post("/api/v1/notifications", """
                {"type":"loop.test","recipients":[{"email":"%s"}],"channels":["EMAIL"],
                 "content":{"title":"Hello","body":"Hello there"}}""".formatted(address));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        String id = sent.body().get("id").asString();
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> tenant.get("/api/v1/notifications/" + id)
                .body().get("deliveries").get(0).get("status").asString().equals("SENT"));
        JsonNode d = tenant.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
        assertThat(d.get("providerMessageId").asString()).startsWith("<");
        return new Sent(id, d.get("id").asString(), d.get("providerMessageId").asString());
    }

    private String sendEmailNow(String address) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"loop.test","recipients":[{"email":"%s"}],"channels":["EMAIL"],
                 "content":{"title":"Hello","body":"Hello there"}}""".formatted(address));
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        return answer.body().get("id").asString();
    }

    private JsonNode delivery(String notificationId) {
        return herald.get("/api/v1/notifications/" + notificationId).body().get("deliveries").get(0);
    }

    private java.util.List<JsonNode> entries(String address) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        herald.get("/api/v1/suppressions?address=" + address).body().get("items").forEach(found::add);
        return found;
    }

    private JsonNode onlyEntry(String address) {
        java.util.List<JsonNode> found = entries(address);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    /** FAILED rows in the delivery's history; each one also put one status event in the outbox. */
    private long failedHistory(String deliveryId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery_status WHERE delivery_id = ? AND status = 'FAILED'",
                Long.class, UUID.fromString(deliveryId));
    }

    private String metrics() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(herald.request("/actuator/prometheus").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private String certUrl() {
        return "https://localhost:" + sns.getHttpsPort() + CERT_PATH;
    }

    /** SES's documented bounce notification (Amazon SES notification contents, "bounce" example). */
    private static String sesBounce(String type, String subType, String recipient, String messageId) {
        return """
                {"notificationType":"Bounce",
                 "bounce":{"bounceType":"%s","reportingMTA":"dns; email.example.com",
                   "bouncedRecipients":[{"emailAddress":"%s","status":"5.1.1","action":"failed",
                     "diagnosticCode":"smtp; 550 5.1.1 <%s>... User"}],
                   "bounceSubType":"%s","timestamp":"2026-12-02T09:59:38.237Z",
                   "feedbackId":"00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000",
                   "remoteMtaIp":"127.0.2.0"},
                 "mail":{"timestamp":"2026-12-02T09:59:37.000Z","source":"herald@example.com",
                   "sourceArn":"arn:aws:ses:us-east-1:123456789012:identity/example.com","sourceIp":"127.0.3.0",
                   "sendingAccountId":"123456789012",
                   "messageId":"00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000",
                   "destination":["%s"],"headersTruncated":false,
                   "commonHeaders":{"from":["Herald <herald@example.com>"],"date":"Wed, 2 Dec 2026 09:59:37 +0000",
                     "to":["%s"],"messageId":"%s","subject":"Hello"}}}"""
                .formatted(type, recipient, recipient, subType, recipient, recipient, messageId);
    }

    /** SES's documented complaint notification. */
    private static String sesComplaint(String recipient, String messageId) {
        return """
                {"notificationType":"Complaint",
                 "complaint":{"userAgent":"AnyCompany Feedback Loop (V0.01)",
                   "complainedRecipients":[{"emailAddress":"%s"}],"complaintFeedbackType":"abuse",
                   "arrivalDate":"2026-12-02T10:00:00.000Z","timestamp":"2026-12-02T10:00:01.000Z",
                   "feedbackId":"000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000"},
                 "mail":{"timestamp":"2026-12-02T09:59:37.000Z","source":"herald@example.com",
                   "messageId":"000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000",
                   "destination":["%s"],"headersTruncated":false,
                   "commonHeaders":{"from":["herald@example.com"],"to":["%s"],"messageId":"%s","subject":"Hello"}}}"""
                .formatted(recipient, recipient, recipient, messageId);
    }

    /** SES's documented delivery notification ("delivery" example): SES's own id and the original headers. */
    private static String sesDelivery(String recipient, String sesMessageId, String headerMessageId) {
        return """
                {"notificationType":"Delivery",
                 "mail":{"timestamp":"2026-12-02T09:59:37.000Z","messageId":"%s",
                   "source":"herald@example.com",
                   "sourceArn":"arn:aws:ses:us-east-1:888888888888:identity/example.com","sourceIp":"127.0.3.0",
                   "sendingAccountId":"123456789012","callerIdentity":"IAM_user_or_role_name",
                   "destination":["%s"],"headersTruncated":false,
                   "commonHeaders":{"from":["Herald <herald@example.com>"],"date":"Wed, 2 Dec 2026 09:59:37 +0000",
                     "to":["%s"],"messageId":"%s","subject":"Hello"}},
                 "delivery":{"timestamp":"2026-12-02T09:59:38.237Z","recipients":["%s"],"processingTimeMillis":546,
                   "reportingMTA":"a8-70.smtp-out.amazonses.com","smtpResponse":"250 ok:  Message 64111812 accepted",
                   "remoteMtaIp":"127.0.2.0"}}"""
                .formatted(sesMessageId, recipient, recipient, headerMessageId, recipient);
    }

    /** SendGrid's documented "dropped" event. */
    private static String sendGridDrop(String email, String smtpId, String reason) {
        return """
                {"email":"%s","timestamp":1513299569,"smtp-id":"%s","event":"dropped","category":"cat facts",
                 "sg_event_id":"zmzJhfJgAfUSOW80yEbPyw==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
                 "reason":"%s","status":"5.0.0"}""".formatted(email, smtpId, reason);
    }

    private String notification(String sesMessage, String version) {
        return signedSns("Notification", sesMessage, TOPIC, Instant.now(), version, certUrl(), null);
    }

    /**
     * An SNS message as SNS posts it, signed as AWS documents: the type's fields, name and value on their own
     * lines, in the documented order, SHA1withRSA (version 1) or SHA256withRSA (version 2).
     */
    private String signedSns(String type, String message, String topic, Instant at, String version, String certUrl,
                             String subscribeUrl) {
        String id = UUID.randomUUID().toString();
        String timestamp = at.toString();
        String token = subscribeUrl == null ? null : "tok-" + sfx;
        StringBuilder signed = new StringBuilder();
        signed.append("Message\n").append(message).append('\n').append("MessageId\n").append(id).append('\n');
        if (subscribeUrl != null) {
            signed.append("SubscribeURL\n").append(subscribeUrl).append('\n');
        } else {
            signed.append("Subject\n").append("Amazon SES Email Event Notification").append('\n');
        }
        signed.append("Timestamp\n").append(timestamp).append('\n');
        if (token != null) {
            signed.append("Token\n").append(token).append('\n');
        }
        signed.append("TopicArn\n").append(topic).append('\n').append("Type\n").append(type).append('\n');
        ObjectNode json = JSON.createObjectNode();
        json.put("Type", type);
        json.put("MessageId", id);
        if (token != null) {
            json.put("Token", token);
            json.put("SubscribeURL", subscribeUrl);
        } else {
            json.put("Subject", "Amazon SES Email Event Notification");
        }
        json.put("TopicArn", topic);
        json.put("Message", message);
        json.put("Timestamp", timestamp);
        json.put("SignatureVersion", version);
        json.put("Signature", sign(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA", signed.toString()));
        json.put("SigningCertURL", certUrl);
        json.put("UnsubscribeURL", "https://localhost/?Action=Unsubscribe");
        return json.toString();
    }

    private static String sign(String algorithm, String text) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(SNS.privateKey());
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer postSns(String body) {
        return postSns("default", body);
    }

    private Answer postSns(String tenant, String body) {
        HeraldClient sns = herald.withKey(null);
        return sns.send(sns.request("/api/v1/callbacks/ses/" + tenant, "Content-Type", "text/plain; charset=UTF-8",
                "x-amz-sns-message-type", JSON.readTree(body).path("Type").asString("Notification"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer postSendGrid(String tenant, String events, Instant at) {
        String timestamp = String.valueOf(at.getEpochSecond());
        return postSendGrid(tenant, events, timestamp, sendGridSignature(timestamp, events));
    }

    private Answer postSendGrid(String tenant, String events, String timestamp, String signature) {
        HeraldClient sendGrid = herald.withKey(null);
        HttpRequest.Builder request = sendGrid.request("/api/v1/callbacks/sendgrid/" + tenant,
                "Content-Type", "application/json", "X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        if (signature != null) {
            request.header("X-Twilio-Email-Event-Webhook-Signature", signature);
        }
        return sendGrid.send(request.POST(HttpRequest.BodyPublishers.ofString(events)));
    }

    /** SendGrid's documented scheme: ECDSA P-256 with SHA-256 over timestamp + payload, base64 DER. */
    private static String sendGridSignature(String timestamp, String payload) {
        return sendGridSignature(SENDGRID, timestamp, payload);
    }

    private static String sendGridSignature(KeyPair keys, String timestamp, String payload) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(keys.getPrivate());
            s.update((timestamp + payload).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
