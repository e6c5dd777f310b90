package dev.herald.kafka;

import dev.herald.core.intake.BusinessEvent;
import dev.herald.core.model.TenantId;
import dev.herald.core.request.InvalidRequestException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer against a real KRaft broker: mapping, CloudEvents, poison records, transient failures, offsets. */
class KafkaEventIntakeTest {
    private static final String DLQ = "herald.events.dlq";
    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<byte[], byte[]> producer;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<SetAsideRecord> setAside = new CopyOnWriteArrayList<>();
    private final AtomicInteger poisonCount = new AtomicInteger();
    private final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();
    private KafkaEventIntake intake;

    record Received(TenantId tenant, BusinessEvent event) {
    }

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(config);
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.destroy();
    }

    @AfterEach
    void stopIntake() {
        if (intake != null) {
            intake.stop();
        }
    }

    /** A sink standing in for the intake's rules: unknown types are refused, "flaky" events fail twice first. */
    private void accept(TenantId tenant, BusinessEvent event) {
        if (event.type().startsWith("unknown.")) {
            throw InvalidRequestException.conflict("type", "unknown-type", "no type '" + event.type() + "'");
        }
        if (event.eventId().startsWith("flaky") && transientFailures
                .computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet() <= 2) {
            throw new IllegalStateException("database unavailable");
        }
        received.add(new Received(tenant, event));
    }

    private String start(EventBinding... bindings) {
        String group = "herald-test-" + UUID.randomUUID();
        intake = new KafkaEventIntake(new KafkaEventSettings(broker.getBrokersAsString(), group, List.of(bindings),
                DLQ, 1, Duration.ofMillis(500), Duration.ofSeconds(5), Map.of()), this::accept, setAside::add,
                poisonCount::incrementAndGet, factory -> { });
        intake.start();
        return group;
    }

    private static String topic() {
        return "events-" + UUID.randomUUID();
    }

    private static void send(String topic, String key, String json) {
        send(new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> receivedIds() {
        return received.stream().map(r -> r.event().eventId()).toList();
    }

    @Test
    void aTypeFieldIsMappedToHeraldTypesAndTheDataFieldBecomesTheEventsData() {
        String topic = topic();
        start(new EventBinding(topic, null, "eventType",
                Map.of("PAYMENT_COMPLETED", "payment.completed", "PAYMENT_FAILED", "payment.failed"),
                "paymentId", "payload", EventBinding.Format.JSON, new TenantId("acme")));
        send(topic, "p1", """
                {"paymentId":"pay-1","eventType":"PAYMENT_COMPLETED","payload":{"userId":"u1","amount":9900}}""");
        send(topic, "p2", """
                {"paymentId":"pay-2","eventType":"PAYMENT_FAILED","payload":{"userId":"u2"}}""");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 2);
        assertThat(received).extracting(r -> r.event().type()).containsExactly("payment.completed", "payment.failed");
        assertThat(received).extracting(r -> r.tenant().value()).containsOnly("acme");
        assertThat(received.getFirst().event().data()).containsEntry("userId", "u1").containsEntry("amount", 9900);
        assertThat(receivedIds()).containsExactly("pay-1", "pay-2");
    }

    @Test
    void aTopicOfOneTypeTakesTheWholeRecordAsData() {
        String topic = topic();
        start(new EventBinding(topic, "order.shipped", null, null, "orderId", null, EventBinding.Format.JSON, null));
        send(topic, "o1", """
                {"orderId":42,"buyerId":"u7"}""");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
        Received only = received.getFirst();
        assertThat(only.tenant()).isEqualTo(TenantId.defaultTenant());
        assertThat(only.event().eventId()).isEqualTo("42");
        assertThat(only.event().type()).isEqualTo("order.shipped");
        assertThat(only.event().data()).containsEntry("buyerId", "u7");
    }

    @Test
    void cloudEventsInBinaryAndStructuredModeCarryTheirIdTypeTimeAndData() {
        String topic = topic();
        start(new EventBinding(topic, null, null, Map.of("com.fluxpay.payment.completed", "payment.completed"),
                null, null, EventBinding.Format.CLOUDEVENTS, null));
        OffsetDateTime time = OffsetDateTime.parse("2026-12-02T10:15:30Z");
        CloudEvent binary = CloudEventBuilder.v1().withId("ce-1").withType("com.fluxpay.payment.completed")
                .withSource(URI.create("/fluxpay")).withTime(time)
                .withExtension("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .withData("application/json", "{\"userId\":\"u1\"}".getBytes(StandardCharsets.UTF_8)).build();
        CloudEvent structured = CloudEventBuilder.v1().withId("ce-2").withType("order.shipped")
                .withSource(URI.create("/shop"))
                .withData("application/json", "{\"buyerId\":\"u2\"}".getBytes(StandardCharsets.UTF_8)).build();
        send(KafkaMessageFactory.createWriter(topic, "k".getBytes(StandardCharsets.UTF_8)).writeBinary(binary));
        send(KafkaMessageFactory.createWriter(topic, "k".getBytes(StandardCharsets.UTF_8)).writeStructured(structured, JsonFormat.CONTENT_TYPE));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 2);
        BusinessEvent first = received.stream().filter(r -> r.event().eventId().equals("ce-1")).findFirst()
                .orElseThrow().event();
        assertThat(first.type()).isEqualTo("payment.completed");
        assertThat(first.data()).containsEntry("userId", "u1");
        assertThat(OffsetDateTime.parse(first.occurredAt())).isEqualTo(time);
        assertThat(first.trace().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        BusinessEvent second = received.stream().filter(r -> r.event().eventId().equals("ce-2")).findFirst()
                .orElseThrow().event();
        assertThat(second.type()).isEqualTo("order.shipped");
        assertThat(second.data()).containsEntry("buyerId", "u2");
        assertThat(second.trace()).isNull();
    }

    @Test
    void aTraceparentHeaderIsKeptAndAMalformedOneIsDroppedNotPoison() {
        String topic = topic();
        start(new EventBinding(topic, "order.shipped", null, null, "id", null, EventBinding.Format.JSON, null));
        ProducerRecord<byte[], byte[]> traced = new ProducerRecord<>(topic, 0, null,
                "{\"id\":\"t1\"}".getBytes(StandardCharsets.UTF_8));
        traced.headers().add("traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> malformed = new ProducerRecord<>(topic, 0, null,
                "{\"id\":\"t2\"}".getBytes(StandardCharsets.UTF_8));
        malformed.headers().add("traceparent", "00-zz-nonsense".getBytes(StandardCharsets.UTF_8));
        send(traced);
        send(malformed);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 2);
        assertThat(received.get(0).event().trace().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(received.get(1).event().trace()).isNull();
        assertThat(setAside).isEmpty();
    }

    @Test
    void poisonRecordsAreSetAsideWithWhereTheyCameFromAndNeverBlockThePartition() {
        String topic = topic();
        start(new EventBinding(topic, null, "type", null, "id", null, EventBinding.Format.JSON, null));
        send(topic, "k", "{\"id\":\"a\",\"type\":\"order.shipped\"}");
        send(topic, "k", "this is not json");
        send(topic, "k", "{\"type\":\"order.shipped\"}");
        send(topic, "k", "{\"id\":\"b\",\"type\":\"unknown.thing\"}");
        send(topic, "k", "{\"id\":\"c\",\"type\":\"order.shipped\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 2 && setAside.size() == 3);
        assertThat(receivedIds()).containsExactly("a", "c");
        assertThat(poisonCount).hasValue(3);
        assertThat(setAside).extracting(SetAsideRecord::offset).containsExactly(1L, 2L, 3L);
        assertThat(setAside).extracting(SetAsideRecord::error).containsExactly(
                "the record's value is not valid JSON",
                "field 'id' must be a non-empty string",
                "type (unknown-type): no type 'unknown.thing'");
        assertThat(setAside.get(2).value()).asString(StandardCharsets.UTF_8).contains("unknown.thing");

        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(DLQ, topic, 3);
        ConsumerRecord<byte[], byte[]> unknown = dlq.get(2);
        assertThat(header(unknown, EventsDeadLetterTopic.TOPIC_HEADER)).isEqualTo(topic);
        assertThat(header(unknown, EventsDeadLetterTopic.PARTITION_HEADER)).isEqualTo("0");
        assertThat(header(unknown, EventsDeadLetterTopic.OFFSET_HEADER)).isEqualTo("3");
        assertThat(header(unknown, EventsDeadLetterTopic.ERROR_HEADER)).contains("unknown-type");
        assertThat(header(unknown, EventsDeadLetterTopic.ATTEMPTS_HEADER)).isEqualTo("1");
        assertThat(new String(unknown.value(), StandardCharsets.UTF_8)).contains("unknown.thing");
    }

    @Test
    void aSetAsideRecordReplaysThroughTheSameRulesOnceItsCauseIsFixed() {
        String topic = topic();
        EventBinding binding = new EventBinding(topic, null, "type", null, "id", null, EventBinding.Format.JSON, null);
        start(binding);
        send(topic, "k", "{\"id\":\"b\",\"type\":\"unknown.thing\",\"buyerId\":\"u1\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> setAside.size() == 1);
        SetAsideRecord letter = setAside.getFirst();

        BoundRecords records = new BoundRecords(List.of(binding));
        assertThat(new SetAsideReplay(records, this::accept).replay(letter))
                .isEqualTo(new SetAsideReplay.StillPoison("type (unknown-type): no type 'unknown.thing'"));
        List<Received> fixed = new ArrayList<>();
        assertThat(new SetAsideReplay(records, (tenant, event) -> fixed.add(new Received(tenant, event)))
                .replay(letter)).isEqualTo(new SetAsideReplay.Accepted());
        assertThat(fixed).singleElement().satisfies(r -> {
            assertThat(r.event().eventId()).isEqualTo("b");
            assertThat(r.event().data()).containsEntry("buyerId", "u1");
        });
    }

    @Test
    void aTransientFailureRetriesTheSameRecordAndNothingBehindItOvertakesOrIsSkipped() throws Exception {
        String topic = topic();
        String group = start(new EventBinding(topic, "order.shipped", null, null, "id", null,
                EventBinding.Format.JSON, null));
        send(topic, "k", "{\"id\":\"one\"}");
        send(topic, "k", "{\"id\":\"flaky-two\"}");
        send(topic, "k", "{\"id\":\"three\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 3);
        assertThat(receivedIds()).containsExactly("one", "flaky-two", "three");
        assertThat(transientFailures.get("flaky-two")).hasValue(3);
        assertThat(setAside).isEmpty();
        // The offset is committed past every record only once each went through the sink.
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(group, new TopicPartition(topic, 0)) == 3L);
    }

    private static long committed(String group, TopicPartition partition) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String from, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (from.equals(header(r, EventsDeadLetterTopic.TOPIC_HEADER))) {
                        records.add(r);
                    }
                });
                return records.size() >= expected;
            });
        }
        records.sort((a, b) -> Long.compare(Long.parseLong(header(a, EventsDeadLetterTopic.OFFSET_HEADER)),
                Long.parseLong(header(b, EventsDeadLetterTopic.OFFSET_HEADER))));
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
