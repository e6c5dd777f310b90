package dev.herald.server.config;

import dev.herald.core.statusout.StatusOutbox;
import dev.herald.core.statusout.StatusRelay;
import dev.herald.core.statusout.StatusSink;
import dev.herald.core.statusout.StatusWebhookFanOut;
import dev.herald.core.statusout.StatusWebhookSecrets;
import dev.herald.core.statusout.StatusWebhookSender;
import dev.herald.core.statusout.StatusWebhookStore;
import dev.herald.jdbc.JdbcStores;
import dev.herald.kafka.KafkaStatusTopic;
import dev.herald.providers.http.HttpSettings;
import dev.herald.providers.webhook.StatusWebhookPosts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * Status events out: the outbox relay (worker nodes; one relays at a time), its sinks (status webhooks always,
 * {@code herald.status} when Kafka is configured) and the status-webhook sender.
 */
@Configuration(proxyBeanMethods = false)
class StatusEventsConfiguration {

    @Bean
    StatusOutbox statusOutbox(JdbcStores stores, MeterRegistry registry) {
        StatusOutbox outbox = stores.statusOutbox();
        Gauge.builder("herald.status.outbox.size", outbox, StatusOutbox::size)
                .description("status events written and not yet relayed (grows while Kafka is unreachable)")
                .register(registry);
        return outbox;
    }

    @Bean
    StatusWebhookStore statusWebhookStore(JdbcStores stores) {
        return stores.statusWebhooks();
    }

    @Bean
    StatusWebhookSecrets statusWebhookSecrets() {
        return new StatusWebhookSecrets();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${herald.kafka.bootstrap-servers:}'.isBlank() && ${herald.status-events.kafka:true}")
    KafkaStatusTopic kafkaStatusTopic(KafkaEventsProperties kafka, StatusEventsProperties properties) {
        return new KafkaStatusTopic(kafka.bootstrapServers(), properties.topic(), properties.sendTimeout(),
                new HashMap<>(kafka.client()));
    }

    @Bean
    StatusRelay statusRelay(StatusOutbox outbox, StatusWebhookStore webhooks, ObjectProvider<KafkaStatusTopic> kafka,
                            StatusEventsProperties properties, Clock clock) {
        List<StatusSink> sinks = new ArrayList<>();
        // Kafka first: while it is down, webhooks are not fed either, so both see the events in the same order.
        kafka.ifAvailable(sinks::add);
        sinks.add(new StatusWebhookFanOut(webhooks, clock));
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        return new StatusRelay(outbox, sinks, clock, owner, properties.lease(), properties.batchSize(),
                properties.idle(), properties.maxBackOff());
    }

    @Bean
    StatusWebhookSender statusWebhookSender(StatusWebhookStore store, StatusEventsProperties properties,
                                            Clock clock) {
        StatusEventsProperties.Webhooks w = properties.webhooks();
        StatusWebhookPosts poster = new StatusWebhookPosts(new HttpSettings(w.connectTimeout(), w.requestTimeout()),
                w.allowInternalAddresses(), clock);
        return new StatusWebhookSender(store, poster, clock, new StatusWebhookSender.Settings(w.poll(),
                w.requestTimeout().plus(w.connectTimeout()).multipliedBy(2), w.inFlight(), w.perEndpoint(),
                w.firstBackOff(),
                w.maxBackOff(), w.maxAttempts()));
    }

    /** The status relay and the status-webhook sender run where dispatching is enabled. */
    @Bean
    WorkerLifecycle statusEventsLifecycle(StatusRelay relay, StatusWebhookSender sender, HeraldProperties properties) {
        return new WorkerLifecycle(properties.worker().enabled(), relay, sender);
    }
}
