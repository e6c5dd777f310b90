package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Business events from a real KRaft broker through the same intake as {@code POST /api/v1/events}: mapped types,
 * redelivered records that change nothing, poison records set aside without blocking the partition, and replayed
 * through the admin API once their cause is fixed.
 */
@DirtiesContext // the consumer must stop while this class's broker still runs
class KafkaEventsTest extends EmbeddedHeraldTest {
    private static final String TOPIC = "shop.orders";
    // Started before the context: the consumer's settings need its address. Left to the fork's exit, because the
    // context (and its consumer) closes after this class's @AfterAll methods.
    private static final EmbeddedKafkaKraftBroker BROKER = startBroker();
    private static KafkaProducer<byte[], byte[]> producer;

    private static EmbeddedKafkaKraftBroker startBroker() {
        // Logging is not configured yet when the broker starts (Spring Boot sets it up with the context).
        for (String logger : List.of("org.apache.kafka", "kafka", "state.change.logger")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(Level.WARN);
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        broker.afterPropertiesSet();
        return broker;
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("herald.kafka.bootstrap-servers", BROKER::getBrokersAsString);
        registry.add("herald.kafka.events.max-back-off", () -> "1s");
        registry.add("herald.kafka.events.metrics-refresh", () -> "1s");
        registry.add("herald.kafka.events.bindings[0].topic", () -> TOPIC);
        registry.add("herald.kafka.events.bindings[0].type-field", () -> "eventType");
        registry.add("herald.kafka.events.bindings[0].type-map.ORDER_SHIPPED", () -> "order.shipped");
        registry.add("herald.kafka.events.bindings[0].event-id-field", () -> "eventId");
        registry.add("herald.kafka.events.bindings[0].data-field", () -> "data");
    }

    @BeforeAll
    static void openProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void publish(String value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, "k".getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String shipped(String eventId, String buyer) {
        return """
                {"eventId":"%s","eventType":"ORDER_SHIPPED","data":{"buyerId":"%s","orderId":"A-1"}}"""
                .formatted(eventId, buyer);
    }

    private String user() {
        String user = id("u");
        herald.put("/api/v1/users/" + user, "{\"email\":\"" + user + "@example.com\"}");
        herald.post("/api/v1/users/" + user + "/devices", "{\"platform\":\"fcm\",\"token\":\"" + id("t") + "\"}");
        return user;
    }

    private int notificationsOf(String user) {
        return herald.get("/api/v1/notifications?userId=" + user + "&limit=100").body().get("items").size();
    }

    /** Publishes a marker after whatever came before and waits for it: everything earlier was consumed too. */
    private void drain() {
        String marker = user();
        publish(shipped(id("marker"), marker));
        await().atMost(Duration.ofSeconds(60)).until(() -> notificationsOf(marker) == 1);
    }

    private List<JsonNode> setAside() {
        List<JsonNode> items = new ArrayList<>();
        herald.get("/api/v1/admin/dlq/events?limit=200").body().get("items").forEach(items::add);
        return items;
    }

    @Test
    void recordsBecomeNotificationsThroughTheTypesRuleAndARedeliveredRecordChangesNothing() {
        String buyer = user();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(id("evt"));
            publish(shipped(events.getLast(), buyer));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> notificationsOf(buyer) == 20);
        JsonNode one = herald.get("/api/v1/notifications?userId=" + buyer).body().get("items").get(0);
        assertThat(one.get("type").asString()).isEqualTo("order.shipped");
        assertThat(one.get("deliveries").get(0).get("channel").asString()).isEqualTo("PUSH");

        // The same records again (a producer retry, a consumer that crashed before committing): nothing new.
        events.forEach(event -> publish(shipped(event, buyer)));
        // The same event id over HTTP answers with the notification the record made.
        Answer overHttp = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"order.shipped","data":{"buyerId":"%s"}}""".formatted(events.getFirst(), buyer));
        drain();
        assertThat(notificationsOf(buyer)).isEqualTo(20);
        assertThat(overHttp.status()).isEqualTo(200);
        assertThat(overHttp.body().get("replayed").asBoolean()).isTrue();
    }

    @Test
    void poisonRecordsAreSetAsideListedReplayedOnceFixedAndDiscarded() throws Exception {
        String buyer = user();
        String type = "gift." + UUID.randomUUID().toString().substring(0, 6);
        String giftEvent = id("gift");
        publish("not json at all");
        publish("""
                {"eventId":"%s","eventType":"%s","data":{"buyerId":"%s"}}""".formatted(giftEvent, type, buyer));
        publish("""
                {"eventId":"%s","eventType":"ORDER_SHIPPED","data":{"orderId":"no buyer"}}""".formatted(id("evt")));
        String after = id("evt");
        publish(shipped(after, buyer));

        // The record after the three poison ones is not held up by them.
        await().atMost(Duration.ofSeconds(60)).until(() -> notificationsOf(buyer) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> setAside().size() >= 3);
        List<JsonNode> letters = setAside().stream().filter(l -> l.get("topic").asString().equals(TOPIC)).toList();
        JsonNode notJson = letters.stream().filter(l -> l.get("value").asString().equals("not json at all"))
                .findFirst().orElseThrow();
        assertThat(notJson.get("error").asString()).isEqualTo("the record's value is not valid JSON");
        JsonNode gift = letters.stream().filter(l -> l.get("value").asString().contains(giftEvent)).findFirst()
                .orElseThrow();
        assertThat(gift.get("error").asString()).contains("unknown-type");
        assertThat(gift.get("attempts").asInt()).isEqualTo(1);
        assertThat(letters).anySatisfy(l -> assertThat(l.get("error").asString())
                .isEqualTo("data.buyerId (missing-recipient): type 'order.shipped' sends to the user named here; "
                        + "give a user id (or a list)"));

        // Still poison: 422 naming the rule, one more attempt counted.
        String giftId = gift.get("id").asString();
        Answer still = herald.post("/api/v1/admin/dlq/events/" + giftId + "/retry", "");
        assertThat(still.status()).isEqualTo(422);
        assertThat(still.contentType()).startsWith("application/problem+json");
        assertThat(still.text()).contains("still-poison");
        // The cause fixed (the type defined), the replay makes the notification and the letter leaves the list.
        herald.put("/api/v1/types/" + type, "{\"channels\":[\"PUSH\"],\"recipientFields\":[\"buyerId\"]}");
        herald.put("/api/v1/templates/" + type + "/push/default", "{\"subject\":\"A gift\",\"text\":\"For you\"}");
        Answer replayed = herald.post("/api/v1/admin/dlq/events/" + giftId + "/retry", "");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body().get("result").asString()).isEqualTo("accepted");
        assertThat(notificationsOf(buyer)).isEqualTo(2);
        assertThat(setAside()).noneMatch(l -> l.get("id").asString().equals(giftId));

        String notJsonId = notJson.get("id").asString();
        assertThat(herald.delete("/api/v1/admin/dlq/events/" + notJsonId).status()).isEqualTo(204);
        assertThat(herald.delete("/api/v1/admin/dlq/events/" + notJsonId).status()).isEqualTo(404);
        assertThat(herald.post("/api/v1/admin/dlq/events/not-an-id/retry", "").status()).isEqualTo(400);
        // Both changes are in the audit log, naming the record's source and never its content.
        JsonNode audit = herald.get("/api/v1/audit?limit=200").body().get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(entry -> {
            if (entry.get("target").asString().equals("event-record:" + giftId)
                    || entry.get("target").asString().equals("event-record:" + notJsonId)) {
                actions.add(entry.get("action").asString());
                assertThat(entry.toString()).contains(TOPIC).doesNotContain(giftEvent).doesNotContain("not json");
            }
        });
        assertThat(actions).containsExactlyInAnyOrder("event-dlq.retried", "event-dlq.discarded");

        assertThat(scrape()).contains("herald_event_records_set_aside_total");
        // Lag per topic and partition, for autoscaling the events role on it.
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().lines().anyMatch(line ->
                line.startsWith("kafka_consumer_fetch_manager_records_lag{") && line.contains("topic=\"shop.orders\"")
                        && line.contains("partition=\"0\"")));
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/prometheus")).header("Authorization", "Bearer " + ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
