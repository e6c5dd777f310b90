package dev.herald.server;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import dev.herald.testkit.peers.RedisPeer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale mode proven with several real nodes: one PostgreSQL (embedded, reached through a link the test can sever),
 * one KRaft broker, one Redis, and two Herald JVMs with every role ({@code api,worker,events}), so both consume the
 * topic's partitions, both dispatch, and both serve the API. 5,000 business events (and a few poison records) go
 * through Kafka to an SMS gateway peer (WireMock; each node reaches it under its own path, so the peer knows who
 * sent what). Node B is killed with SIGKILL mid-run and the database goes away for a few seconds; node A finishes.
 * <p>
 * Both nodes carry every role on purpose: killing either then takes away a Kafka consumer (its partitions move to
 * the survivor after the session timeout, uncommitted records are read again) AND a dispatcher (its leased
 * deliveries are claimed again by the survivor). Node B then comes back as an API-only node for the SSE check.
 * docs/SCALING.md lists what is asserted.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the SSE check restarts node B, which the run kills
class ScaleModeTest {
    private static final String KEY = "hk_scale-test-key-0123456789abcdefghijklmnopqrstuvw";
    private static final String TOPIC = "scale.events";
    private static final String TYPE = "scale.sms";
    private static final int PARTITIONS = 4;
    private static final int MAIN_USERS = 1250;
    private static final int EVENTS_PER_MAIN_USER = 4;                 // 5,000 events
    private static final int MAIN_EVENTS = MAIN_USERS * EVENTS_PER_MAIN_USER;
    /** SMS per user and hour, for both nodes together; above a main user's 4 (a resend spends no second permit). */
    private static final int SMS_PER_HOUR = 6;
    private static final int CHATTY_EVENTS = 4 * SMS_PER_HOUR;
    private static final int POISON_RECORDS = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String ALL_ROLES = "api,worker,events";

    private static EmbeddedKafkaKraftBroker broker;
    private static RedisPeer redis;
    private static WireMockServer gateway;
    private static SeverableLink databaseLink;
    private static JdbcTemplate database;
    private static KafkaProducer<byte[], byte[]> producer;
    private static HeraldProcess nodeA;
    private static HeraldProcess nodeB;
    private static HeraldClient clientA;
    private static HeraldClient clientB;
    private static Path data;
    private static String linkedUrl;

    @BeforeAll
    static void start(PostgresDatabase postgres) {
        for (String logger : List.of("org.apache.kafka", "kafka", "state.change.logger")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(Level.WARN);
        }
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC);
        broker.afterPropertiesSet();
        redis = RedisPeer.started();
        gateway = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(40));
        gateway.start();
        // A little latency keeps sends in flight when node B is killed.
        gateway.stubFor(post(urlPathMatching("/(a|b)/send")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(20).withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
        database = new JdbcTemplate(postgres.dataSource());
        int postgresPort = Integer.parseInt(postgres.jdbcUrl().replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$",
                "$1"));
        databaseLink = new SeverableLink(postgresPort);
        linkedUrl = postgres.jdbcUrl().replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + databaseLink.port() + "/");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

        data = Path.of("target/test-data/scale-" + UUID.randomUUID()).toAbsolutePath();
        // Node A creates the schema first; two nodes migrating one empty database at once is not this test's subject.
        nodeA = HeraldProcess.start("a", data.resolve("a"), HeraldProcess.freePort(), KEY, settings("a", ALL_ROLES));
        nodeB = HeraldProcess.start("b", data.resolve("b"), HeraldProcess.freePort(), KEY, settings("b", ALL_ROLES));
        clientA = new HeraldClient(nodeA.port(), KEY);
        clientB = new HeraldClient(nodeB.port(), KEY);
    }

    private static List<String> settings(String node, String roles) {
        String sms = "--herald.providers.http-sms[0].";
        return List.of(
                "--spring.datasource.url=" + linkedUrl,
                // While the database is away, a caller waiting for a connection gives up (and retries) soon.
                "--spring.datasource.hikari.connection-timeout=2000",
                "--herald.roles=" + roles,
                "--herald.redis.url=" + redis.url(),
                "--herald.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--herald.kafka.events.max-back-off=1s",
                // Two consumer threads per node: the survivor reads the dead node's partitions alongside its own.
                "--herald.kafka.events.concurrency=2",
                "--herald.kafka.events.bindings[0].topic=" + TOPIC,
                "--herald.kafka.events.bindings[0].type=" + TYPE,
                "--herald.kafka.events.bindings[0].event-id-field=eventId",
                "--herald.kafka.events.bindings[0].data-field=data",
                // A killed consumer's partitions move to the survivor after this, not after the default 45 s.
                "--herald.kafka.client.[session.timeout.ms]=6000",
                "--herald.kafka.client.[heartbeat.interval.ms]=1000",
                sms + "name=gw-" + node,
                sms + "url=" + gateway.baseUrl() + "/" + node + "/send",
                sms + "body-template.to={{to}}",
                sms + "body-template.text={{text}}",
                sms + "body-template.ref={{id}}",
                sms + "from=Herald",
                sms + "http.connect-timeout=1s",
                sms + "http.request-timeout=1500ms",
                "--herald.channels.sms.providers[0]=gw-" + node,
                "--herald.limits.per-user.sms.max=" + SMS_PER_HOUR,
                "--herald.limits.per-user.sms.per=1h",
                "--herald.limits.per-user.sms.policy=drop",
                // Every main user gets the same text four times on purpose; content dedup has its own tests.
                "--herald.dedup.window=0s",
                // A dead node's leases run out soon, and small claims spread the work over both nodes.
                "--herald.worker.lease=6s",
                "--herald.worker.batch-size=16",
                "--herald.worker.normal-concurrency=8",
                "--herald.worker.min-poll=5ms",
                "--herald.worker.max-poll=100ms");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {nodeA, nodeB, producer, databaseLink}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        if (gateway != null) {
            gateway.stop();
        }
        if (redis != null) {
            redis.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    @Order(1)
    void twoNodesCarryFiveThousandEventsThroughAKillAndADatabaseOutage() throws Exception {
        assertThat(clientA.put("/api/v1/types/" + TYPE, "{\"channels\":[\"SMS\"],\"recipientFields\":[\"userId\"]}")
                .status()).isEqualTo(201);
        assertThat(clientA.put("/api/v1/templates/" + TYPE + "/sms/default", "{\"text\":\"Your order moved\"}")
                .status()).isIn(200, 201);
        createUsers();
        // Node B reads types and templates through its cache: it must know the type before its consumer sees it.
        await().atMost(Duration.ofSeconds(30)).until(() -> clientB.get("/api/v1/types/" + TYPE).status() == 200);

        Set<String> goodEvents = publishEvents();

        // Kill node B once both nodes are sending: its consumer and its leased deliveries must move to node A.
        await().atMost(PATIENCE).until(() -> sentThrough("/b/send") >= 50 && sentThrough("/a/send") >= 50
                && peerRequests() >= 1000);
        nodeB.kill();
        long killedAt = peerRequests();
        assertThat(killedAt).as("the kill is mid-run").isLessThan(MAIN_EVENTS);

        // Then take the database away for a few seconds while node A works, and bring it back.
        await().atMost(PATIENCE).until(() -> peerRequests() >= killedAt + 500);
        databaseLink.sever();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> clientA.withKey(null).get("/actuator/health/readiness").status() == 503);
        Thread.sleep(3000); // the outage itself, not an assertion
        databaseLink.mend();

        // Nothing blocked: every good event became its notification and every delivery reached a final status.
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("SELECT COUNT(*) FROM notification WHERE type = ?", TYPE) == goodEvents.size()
                        && count("SELECT COUNT(*) FROM delivery WHERE type = ? AND status IN "
                        + "('ACCEPTED','SCHEDULED','QUEUED','SENDING')", TYPE) == 0);

        everyEventBecameExactlyOneNotification(goodEvents);
        everyDeliveryIsFinalAndThePeerSawEachOnceButForTheDocumentedResend();
        theSmsLimitHeldForBothNodesTogether();
        poisonRecordsWereSetAsideAndNothingElse();
        statusEventsHoldEachFinalStatus();
    }

    /**
     * SSE across processes: a browser on node B hears an in-app message accepted (and sent) by node A. Node B comes
     * back from its SIGKILL as an API-only node, so it cannot have sent the message itself: what its browser hears
     * came from node A through Redis.
     */
    @Test
    @Order(2)
    void aBrowserOnNodeBHearsAMessageAcceptedByNodeA() throws Exception {
        nodeB.kill();   // already dead after the run above; a no-op then
        nodeB = HeraldProcess.start("b-api", data.resolve("b"), nodeB.port(), KEY, settings("b", "api"));
        String user = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(clientA.put("/api/v1/users/" + user, "{\"email\":\"sse@example.com\"}").status()).isEqualTo(201);
        String token = clientA.post("/api/v1/users/" + user + "/inbox-token", "").body().get("token").asString();
        try (EventStream stream = EventStream.open(URI.create("http://127.0.0.1:" + nodeB.port()
                + "/api/v1/inbox/stream?token=" + token))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(Duration.ofSeconds(10)).name()).isEqualTo("unread");
            Answer accepted = clientA.post("/api/v1/notifications", """
                    {"type":"comment.added","recipients":["%s"],"channels":["IN_APP"],
                     "content":{"title":"from node A","body":"hello"}}""".formatted(user));
            assertThat(accepted.status()).isEqualTo(202);
            EventStream.Event arrived = stream.next(Duration.ofSeconds(10));
            assertThat(arrived.name()).isEqualTo("message");
            assertThat(JSON.readTree(arrived.data()).get("message").get("notificationId").asString())
                    .isEqualTo(accepted.body().get("id").asString());
        }
    }

    private static void createUsers() throws Exception {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < MAIN_USERS; u++) {
            users.add(mainUser(u));
        }
        users.add("chatty");
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> made = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                HeraldClient through = i % 2 == 0 ? clientA : clientB;
                String phone = "+8210%08d".formatted(i);
                made.add(pool.submit(() -> through.put("/api/v1/users/" + user, "{\"phone\":\"" + phone + "\"}")
                        .status()));
            }
            for (Future<Integer> status : made) {
                assertThat(status.get()).isEqualTo(201);
            }
        }
    }

    private static String mainUser(int u) {
        return "m-%04d".formatted(u);
    }

    /**
     * 5,000 events (user after user, so one user's four events are far apart), the chatty user's events spread
     * among them (keyed by event id, so over every partition and both nodes' consumers) and poison records too.
     */
    private static Set<String> publishEvents() {
        Set<String> good = new HashSet<>();
        int chattySent = 0;
        int poisonSent = 0;
        for (int i = 0; i < MAIN_EVENTS; i++) {
            good.add(publish("e-" + i, mainUser(i % MAIN_USERS)));
            if (i % 40 == 0 && chattySent < CHATTY_EVENTS) {
                good.add(publish("chatty-" + chattySent++, "chatty"));
            }
            if (i % 450 == 0 && poisonSent < POISON_RECORDS) {
                send("poison-" + poisonSent, poisonSent % 2 == 0 ? "not json {" + poisonSent
                        : "{\"eventId\":\"poison-" + poisonSent + "\",\"data\":{\"orderId\":\"no user\"}}");
                poisonSent++;
            }
        }
        producer.flush();
        assertThat(chattySent).isEqualTo(CHATTY_EVENTS);
        assertThat(poisonSent).isEqualTo(POISON_RECORDS);
        return good;
    }

    private static String publish(String eventId, String user) {
        send(eventId, "{\"eventId\":\"%s\",\"data\":{\"userId\":\"%s\"}}".formatted(eventId, user));
        return eventId;
    }

    private static void send(String key, String value) {
        producer.send(new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)));
    }

    private static long count(String sql, Object... args) {
        return database.queryForObject(sql, Long.class, args);
    }

    private static long peerRequests() {
        return gateway.getAllServeEvents().size();
    }

    private static long sentThrough(String path) {
        return gateway.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(path)).count();
    }

    /** The event id is the notification's idempotency key ({@code event:<id>}): one notification each, no more. */
    private void everyEventBecameExactlyOneNotification(Set<String> goodEvents) {
        List<String> keys = database.queryForList("SELECT idempotency_key FROM notification WHERE type = ?",
                String.class, TYPE);
        assertThat(keys).hasSize(goodEvents.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(keys)).isEqualTo(goodEvents.stream().map(id -> "event:" + id)
                .collect(java.util.stream.Collectors.toSet()));
        assertThat(count("SELECT COUNT(*) FROM delivery WHERE type = ?", TYPE)).isEqualTo(goodEvents.size());
    }

    /**
     * Herald's promise (docs/ARCHITECTURE.md, "The delivery row is the queue" and "Time budget"): the delivery id is
     * the provider's idempotency key, and a delivery goes to the provider again only when it was claimed again
     * after its worker lost the lease (here: node B killed between the gateway's 200 and the outcome write). So:
     * every SENT delivery reached the peer, the peer saw nothing else, and a key it saw twice belongs to a delivery
     * claimed more than once.
     */
    private void everyDeliveryIsFinalAndThePeerSawEachOnceButForTheDocumentedResend() {
        Map<String, Integer> seenByKey = new HashMap<>();
        for (ServeEvent request : gateway.getAllServeEvents()) {
            String ref = JSON.readTree(request.getRequest().getBodyAsString()).get("ref").asString();
            seenByKey.merge(ref, 1, Integer::sum);
        }
        Set<String> sent = new HashSet<>(database.queryForList(
                "SELECT CAST(id AS VARCHAR) FROM delivery WHERE type = ? AND status = 'SENT'", String.class, TYPE));
        assertThat(seenByKey.keySet()).isEqualTo(sent);
        assertThat(count("SELECT COUNT(*) FROM delivery WHERE type = ? AND user_id LIKE 'm-%' AND status = 'SENT'",
                TYPE)).as("every main user's SMS went out").isEqualTo(MAIN_EVENTS);
        Set<String> resent = new HashSet<>();
        seenByKey.forEach((key, times) -> {
            if (times > 1) {
                resent.add(key);
            }
        });
        System.out.printf("ScaleModeTest: peer requests %d (node A %d, node B %d), keys sent again %d%n",
                peerRequests(), sentThrough("/a/send"), sentThrough("/b/send"), resent.size());
        for (String key : resent) {
            assertThat(count("SELECT claims FROM delivery WHERE id = CAST(? AS UUID)", key))
                    .as("delivery %s reached the peer twice, so it must have been claimed again", key)
                    .isGreaterThan(1);
        }
        // Both nodes sent: the survivor took over, it did not do everything alone.
        assertThat(sentThrough("/a/send")).isPositive();
        assertThat(sentThrough("/b/send")).isPositive();
    }

    /**
     * The chatty user's events came in over both nodes' consumers and were dispatched by both: with the limit per
     * node each node would have let {@value #SMS_PER_HOUR} through; shared through Redis, both together did.
     */
    private void theSmsLimitHeldForBothNodesTogether() {
        long sentToChatty = count("SELECT COUNT(*) FROM delivery WHERE type = ? AND user_id = 'chatty' "
                + "AND status = 'SENT'", TYPE);
        long dropped = count("SELECT COUNT(*) FROM delivery WHERE type = ? AND user_id = 'chatty' "
                + "AND status = 'SUPPRESSED' AND last_error LIKE '%limit of " + SMS_PER_HOUR + " per%'", TYPE);
        assertThat(sentToChatty).isBetween(1L, (long) SMS_PER_HOUR);
        assertThat(sentToChatty + dropped).isEqualTo(CHATTY_EVENTS);
        String phone = database.queryForObject("SELECT DISTINCT address FROM delivery WHERE user_id = 'chatty'",
                String.class);
        Set<String> keysToChatty = new HashSet<>();
        Map<String, Integer> chattyByNode = new HashMap<>();
        for (ServeEvent request : gateway.getAllServeEvents()) {
            JsonNode body = JSON.readTree(request.getRequest().getBodyAsString());
            if (body.get("to").asString().equals(phone)) {
                keysToChatty.add(body.get("ref").asString());
                chattyByNode.merge(request.getRequest().getUrl(), 1, Integer::sum);
            }
        }
        System.out.printf("ScaleModeTest: chatty user sent %d, dropped %d, by node %s%n", sentToChatty, dropped,
                chattyByNode);
        assertThat(keysToChatty).as("SMS the peer got for the chatty user within the hour").hasSizeLessThanOrEqualTo(
                SMS_PER_HOUR);
    }

    private void poisonRecordsWereSetAsideAndNothingElse() {
        assertThat(count("SELECT COUNT(*) FROM event_dead_letter")).isEqualTo(POISON_RECORDS);
        JsonNode items = clientA.get("/api/v1/admin/dlq/events?limit=100").body().get("items");
        assertThat(items).hasSize(POISON_RECORDS);
        items.forEach(letter -> assertThat(letter.get("topic").asString()).isEqualTo(TOPIC));
    }

    /**
     * {@code herald.status} holds each delivery's final status: read from the beginning (records keyed by
     * notification id, so one delivery's events are in one partition, in order), the last event of every delivery of
     * {@link #TYPE} is the status PostgreSQL holds for it. At least once: repeats (a relay killed after publishing,
     * before deleting) may come, with the same {@code eventId}, never out of order.
     */
    private void statusEventsHoldEachFinalStatus() {
        Map<String, String> finals = new HashMap<>();
        database.queryForList("SELECT id, status FROM delivery WHERE type = ?", TYPE)
                .forEach(row -> finals.put(row.get("id").toString(), row.get("status").toString()));
        Map<String, String> last = new HashMap<>();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "status-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("herald.status"));
            // The relay publishes after the outcomes commit: wait until every delivery's final status arrived.
            await().atMost(PATIENCE).pollInSameThread().until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    assertThat(new String(record.key(), StandardCharsets.UTF_8))
                            .isEqualTo(event.get("notificationId").asString());
                    if (TYPE.equals(event.get("type").asString())) {
                        last.put(event.get("deliveryId").asString(), event.get("status").asString());
                    }
                }
                return finals.entrySet().stream().allMatch(f -> f.getValue().equals(last.get(f.getKey())));
            });
        }
        assertThat(last).as("the last status event of each delivery").isEqualTo(finals);
    }
}
