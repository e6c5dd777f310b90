package dev.herald.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Redis shared by every node ({@code herald.redis.*}). With {@code url} set, rate limits, the live inbox fan-out and
 * cache invalidations go through it; without, each node keeps its own (the embedded default).
 *
 * @param url     {@code redis://[user:password@]host:port[/database]}, {@code rediss://} for TLS
 * @param timeout how long one Redis command may take before it counts as failed
 */
@ConfigurationProperties("herald.redis")
public record RedisProperties(String url, @DefaultValue("2s") Duration timeout) {
}
