package dev.herald.server;

import ch.qos.logback.classic.Level;
import dev.herald.server.HeraldClient.Answer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Status events through a real KRaft broker: every status change of a delivery lands on {@code herald.status},
 * keyed by its notification id, in the order it happened, and the outbox is emptied once they are published.
 */
@DirtiesContext // the relay's producer must stop while this class's broker still runs
class StatusEventsKafkaTest extends EmbeddedHeraldTest {
    private static final String STATUS_TOPIC = "herald.status";
    private static final EmbeddedKafkaKraftBroker BROKER = startBroker();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmbeddedKafkaKraftBroker startBroker() {
        for (String logger : List.of("org.apache.kafka", "kafka", "state.change.logger")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(Level.WARN);
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, STATUS_TOPIC);
        broker.afterPropertiesSet();
        return broker;
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("herald.kafka.bootstrap-servers", BROKER::getBrokersAsString);
        // This node publishes status events only; no topic is bound for business events.
        registry.add("herald.kafka.events.enabled", () -> "false");
    }

    private String sms(String type) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"phone":"+821012345678"},{"phone":"+821087654321"}],"channels":["SMS"],
                 "content":{"body":"hi"}}""".formatted(type));
        assertThat(answer.status()).as(answer.text()).isLessThan(300);
        return answer.body().get("id").asString();
    }

    @Test
    void everyStatusChangeIsOnTheStatusTopicKeyedByNotificationInOrder() {
        List<String> ids = List.of(sms("kafka.status"), sms("kafka.status"), sms("kafka.status"));
        Answer failing = herald.post("/api/v1/notifications", """
                {"type":"kafka.status","recipients":[{"email":"ann@example.com"}],"channels":["SMS"],
                 "content":{"body":"hi"}}""");
        String failed = failing.body().get("id").asString();

        Map<String, List<JsonNode>> byKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(STATUS_TOPIC));
            await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(JSON.readTree(record.value()));
                }
                return ids.stream().allMatch(id -> statuses(byKey, id).size() == 4)
                        && statuses(byKey, failed).size() == 1;
            });
        }

        for (String id : ids) {
            List<JsonNode> events = byKey.get(id);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("notificationId").asString()).isEqualTo(id);
                assertThat(e.get("tenant").asString()).isEqualTo("default");
                assertThat(e.get("type").asString()).isEqualTo("kafka.status");
                assertThat(e.get("channel").asString()).isEqualTo("SMS");
                assertThat(e.has("eventId") && e.has("deliveryId") && e.has("time") && e.has("provider")
                        && e.has("reason")).isTrue();
            });
            // Per delivery, in the order the changes were made.
            Map<String, List<String>> perDelivery = new HashMap<>();
            events.forEach(e -> perDelivery.computeIfAbsent(e.get("deliveryId").asString(), k -> new ArrayList<>())
                    .add(e.get("status").asString()));
            assertThat(perDelivery.values()).hasSize(2)
                    .allSatisfy(statuses -> assertThat(statuses).containsExactly("QUEUED", "SENT"));
        }
        assertThat(statuses(byKey, failed)).containsExactly("FAILED");
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> rows("status_outbox") == 0);
    }

    private static List<String> statuses(Map<String, List<JsonNode>> byKey, String id) {
        return byKey.getOrDefault(id, List.of()).stream().map(e -> e.get("status").asString()).toList();
    }
}
