package dev.herald.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Status events out ({@code herald.status-events}): the outbox relay, the Kafka topic it publishes to when
 * {@code herald.kafka.bootstrap-servers} is set, and the status webhooks it feeds in every mode.
 *
 * @param topic       the Kafka topic (keyed by notification id)
 * @param kafka       whether to publish to Kafka when brokers are configured
 * @param lease       the relay lease: one node relays at a time; a round (and the Kafka send timeout) stays shorter
 * @param idle        the pause when the outbox is empty or another node holds the lease
 * @param maxBackOff  the longest pause after failed rounds (Kafka down), doubling from {@code idle}
 * @param sendTimeout how long Kafka may take to acknowledge one batch
 */
@ConfigurationProperties("herald.status-events")
public record StatusEventsProperties(@DefaultValue("herald.status") String topic,
                                     @DefaultValue("true") boolean kafka,
                                     @DefaultValue("500") int batchSize,
                                     @DefaultValue("30s") Duration lease,
                                     @DefaultValue("200ms") Duration idle,
                                     @DefaultValue("30s") Duration maxBackOff,
                                     @DefaultValue("10s") Duration sendTimeout,
                                     @DefaultValue Webhooks webhooks) {

    /**
     * @param allowInternalAddresses let endpoints be http and resolve to loopback/private addresses (test peers only)
     * @param inFlight               calls at once over all endpoints; {@code perEndpoint} at most to one endpoint
     * @param firstBackOff           the wait after a first failed call, doubling up to {@code maxBackOff}
     */
    public record Webhooks(@DefaultValue("500ms") Duration poll,
                           @DefaultValue("5s") Duration connectTimeout,
                           @DefaultValue("10s") Duration requestTimeout,
                           @DefaultValue("64") int inFlight,
                           @DefaultValue("4") int perEndpoint,
                           @DefaultValue("10s") Duration firstBackOff,
                           @DefaultValue("1h") Duration maxBackOff,
                           @DefaultValue("15") int maxAttempts,
                           @DefaultValue("20") int maxPerTenant,
                           @DefaultValue("false") boolean allowInternalAddresses) {
    }
}
