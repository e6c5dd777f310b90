package dev.herald.server.config;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.deadletter.EventDeadLetters;
import dev.herald.core.deadletter.NewEventDeadLetter;
import dev.herald.core.intake.EventIntake;
import dev.herald.kafka.BoundRecords;
import dev.herald.kafka.EventSink;
import dev.herald.kafka.KafkaEventIntake;
import dev.herald.kafka.KafkaEventSettings;
import dev.herald.kafka.PoisonRecords;
import dev.herald.kafka.SetAsideReplay;
import dev.herald.server.metrics.AcceptedNotifications;
import dev.herald.server.metrics.ConsumerLagMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Scale mode's event intake: records of the bound topics go through {@link EventIntake}, exactly like
 * {@code POST /api/v1/events}; poison records are kept in {@code event_dead_letter} (and on the DLQ topic) for the
 * admin API to replay or discard.
 */
@Configuration(proxyBeanMethods = false)
class KafkaEventsConfiguration {

    @Bean
    EventSink eventSink(EventIntake events, AcceptedNotifications acceptedNotifications) {
        return (tenant, event) -> acceptedNotifications.count(events.accept(tenant, event));
    }

    @Bean
    BoundRecords boundRecords(KafkaEventsProperties properties) {
        return new BoundRecords(properties.bindings());
    }

    @Bean
    SetAsideReplay setAsideReplay(BoundRecords records, EventSink sink) {
        return new SetAsideReplay(records, sink);
    }

    @Bean
    PoisonRecords poisonRecords(EventDeadLetters letters, IdGenerator ids, Clock clock) {
        return record -> letters.setAside(new NewEventDeadLetter(ids.next(), record.tenant(), record.topic(),
                record.partition(), record.offset(), record.key(), record.value(), record.headers(),
                record.error(), record.attempts(), clock.instant()));
    }

    @Bean
    @ConditionalOnExpression("!'${herald.kafka.bootstrap-servers:}'.isBlank() && ${herald.kafka.events.enabled:true}")
    KafkaEventIntake kafkaEventIntake(KafkaEventsProperties properties, EventSink sink, PoisonRecords poisonRecords,
                                      MeterRegistry registry, ConsumerLagMetrics lagMetrics) {
        if (properties.events().bindings().isEmpty()) {
            throw new StartupProblem("herald.kafka.bootstrap-servers is set but no topic is bound.",
                    "Add herald.kafka.events.bindings[0].topic (and its type or type-field), or remove "
                            + "herald.kafka.bootstrap-servers.");
        }
        Map<String, Object> client = new HashMap<>(properties.client());
        Counter setAside = Counter.builder("herald.event.records.set.aside")
                .description("Kafka records that could not become events, set aside in the events DLQ")
                .register(registry);
        KafkaEventsProperties.Events events = properties.events();
        return new KafkaEventIntake(new KafkaEventSettings(properties.bootstrapServers(), events.groupId(),
                properties.bindings(), events.dlqTopic(), events.concurrency(), events.maxBackOff(),
                Duration.ofSeconds(10), client), sink, poisonRecords, setAside::increment,
                factory -> factory.addListener(lagMetrics));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${herald.kafka.bootstrap-servers:}'.isBlank() && ${herald.kafka.events.enabled:true}")
    ConsumerLagMetrics consumerLagMetrics(MeterRegistry registry, KafkaEventsProperties properties) {
        return new ConsumerLagMetrics(registry, properties.events().metricsRefresh());
    }

    @Bean
    @ConditionalOnExpression("!'${herald.kafka.bootstrap-servers:}'.isBlank() && ${herald.kafka.events.enabled:true}")
    KafkaEventsLifecycle kafkaEventsLifecycle(KafkaEventIntake intake, NodeRoles roles) {
        return new KafkaEventsLifecycle(intake, roles.events());
    }
}
