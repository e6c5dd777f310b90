package dev.herald.kafka;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.statusout.StatusEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The status topic against a real KRaft broker: records keyed by notification id, in the order handed over; and a
 * broker that cannot be reached makes {@code publish} throw, so the relay keeps the events.
 */
class KafkaStatusTopicTest {
    private static final String TOPIC = "herald.status";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    private static StatusEvent event(UUID notification, UUID delivery, DeliveryStatus status) {
        return new StatusEvent(0, UUID.randomUUID(), new TenantId("acme"), notification, delivery, "order.shipped",
                Channel.SMS, status, Instant.parse("2026-12-02T04:30:00Z"), "twilio", null);
    }

    @Test
    void eventsArePublishedKeyedByNotificationInOrder() {
        UUID n1 = UUID.randomUUID();
        UUID n2 = UUID.randomUUID();
        UUID d1 = UUID.randomUUID();
        UUID d2 = UUID.randomUUID();
        List<StatusEvent> events = List.of(event(n1, d1, DeliveryStatus.QUEUED), event(n2, d2, DeliveryStatus.QUEUED),
                event(n1, d1, DeliveryStatus.SENT), event(n1, d1, DeliveryStatus.DELIVERED),
                event(n2, d2, DeliveryStatus.FAILED));
        KafkaStatusTopic topic = new KafkaStatusTopic(broker.getBrokersAsString(), TOPIC, Duration.ofSeconds(20),
                Map.of());
        try {
            topic.publish(events);
        } finally {
            topic.close();
        }

        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() >= 5;
            });
        }
        assertThat(read.stream().filter(r -> r.key().equals(n1.toString()))
                .map(r -> JSON.readTree(r.value()).get("status").asString()))
                .containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(read.stream().filter(r -> r.key().equals(n2.toString()))
                .map(r -> JSON.readTree(r.value()).get("status").asString()))
                .containsExactly("QUEUED", "FAILED");
        JsonNode first = JSON.readTree(read.stream().filter(r -> r.key().equals(n1.toString())).findFirst()
                .orElseThrow().value());
        assertThat(first.get("tenant").asString()).isEqualTo("acme");
        assertThat(first.get("notificationId").asString()).isEqualTo(n1.toString());
        assertThat(first.get("deliveryId").asString()).isEqualTo(d1.toString());
        assertThat(first.get("type").asString()).isEqualTo("order.shipped");
        assertThat(first.get("channel").asString()).isEqualTo("SMS");
        assertThat(first.get("time").asString()).isEqualTo("2026-12-02T04:30:00Z");
        assertThat(first.get("provider").asString()).isEqualTo("twilio");
        assertThat(first.has("reason")).isTrue();
        assertThat(first.get("eventId").asString()).isEqualTo(events.getFirst().eventId().toString());
    }

    @Test
    void anUnreachableBrokerMakesPublishFailSoTheRelayKeepsTheEvents() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaStatusTopic topic = new KafkaStatusTopic("127.0.0.1:" + closedPort, TOPIC, Duration.ofSeconds(2),
                Map.of());
        try {
            assertThatThrownBy(() -> topic.publish(List.of(event(UUID.randomUUID(), UUID.randomUUID(),
                    DeliveryStatus.SENT)))).isInstanceOf(RuntimeException.class);
        } finally {
            topic.close();
        }
    }
}
