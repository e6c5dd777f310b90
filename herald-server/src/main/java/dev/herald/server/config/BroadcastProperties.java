package dev.herald.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Broadcasts ({@code herald.broadcasts}): how worker nodes fan a notification to a topic out.
 *
 * @param chunkSize       subscribers planned and written per transaction (the cursor moves with each chunk)
 * @param lease           how long a node holds a broadcast without writing before another node takes it over
 * @param idle            the pause when no broadcast has work
 * @param yieldFactor     while CRITICAL or HIGH notifications arrive, the rest after each chunk as a multiple of the
 *                        time the chunk took (1: a broadcast keeps at most about half of the time)
 * @param cancelBatch     notifications cancelled per round when a broadcast is cancelled
 * @param maxSubscriberChange user ids per {@code POST /api/v1/topics/{key}/subscribers} call, adds and removes together
 * @param retries         a broadcast whose rounds fail: attempts and backoff before it is set aside (FAILED)
 * @param yieldingChunkSize subscribers per transaction while CRITICAL or HIGH notifications arrive (at most
 *                        {@code chunkSize}): an urgent save can wait for the chunk being written
 */
@ConfigurationProperties("herald.broadcasts")
public record BroadcastProperties(@DefaultValue("500") int chunkSize,
                                  @DefaultValue("30s") Duration lease,
                                  @DefaultValue("250ms") Duration idle,
                                  @DefaultValue("1") int yieldFactor,
                                  @DefaultValue("200") int cancelBatch,
                                  @DefaultValue("10000") int maxSubscriberChange,
                                  @DefaultValue RoundRetries retries,
                                  @DefaultValue("200") int yieldingChunkSize) {
    public BroadcastProperties {
        if (chunkSize < 1 || chunkSize > 5_000) {
            throw new StartupProblem("herald.broadcasts.chunk-size is " + chunkSize + ".",
                    "Give a number from 1 to 5000 (500 by default): it is how many notifications one transaction writes.");
        }
        if (yieldingChunkSize < 1 || yieldingChunkSize > 5_000) {
            throw new StartupProblem("herald.broadcasts.yielding-chunk-size is " + yieldingChunkSize + ".",
                    "Give a number from 1 to 5000 (200 by default): it is how many notifications one transaction"
                            + " writes while CRITICAL or HIGH notifications arrive.");
        }
        if (yieldFactor < 0) {
            throw new StartupProblem("herald.broadcasts.yield-factor is " + yieldFactor + ".",
                    "Give 0 (never rest) or more (1 by default).");
        }
    }
}
