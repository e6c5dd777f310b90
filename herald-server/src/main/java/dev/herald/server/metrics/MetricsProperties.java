package dev.herald.server.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

import java.time.Duration;

/**
 * {@code herald.metrics}: whether {@code /actuator/prometheus} needs an API key ({@code public: false}, the default)
 * and how long the database-backed gauges (lane depth, oldest due, dead letters) reuse one reading.
 */
@ConfigurationProperties("herald.metrics")
public record MetricsProperties(@Name("public") @DefaultValue("false") boolean open,
                                @DefaultValue("5s") Duration refresh) {
}
