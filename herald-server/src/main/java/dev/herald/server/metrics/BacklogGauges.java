package dev.herald.server.metrics;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.stats.LaneDepth;
import dev.herald.core.stats.LaneDepths;
import dev.herald.jdbc.JdbcBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Lane depth, how long the oldest due delivery has waited, and dead letters per channel, read from the database.
 * One reading serves every gauge for {@code refresh}, so scrapers (several Prometheus replicas, a KEDA scaler)
 * cost at most one reading of each per interval however often they ask.
 */
public final class BacklogGauges implements MeterBinder {
    private final LoadingCache<Boolean, Map<Priority, LaneDepth>> lanes;
    private final LoadingCache<Boolean, Map<Channel, Long>> dead;

    /** @param depths the dashboard's lane query, asked over every tenant */
    public BacklogGauges(LaneDepths depths, JdbcBacklog backlog, Clock clock, Duration refresh) {
        this.lanes = Caffeine.newBuilder().expireAfterWrite(refresh).build(k -> byLane(depths, clock));
        this.dead = Caffeine.newBuilder().expireAfterWrite(refresh).build(k -> backlog.deadLetters());
    }

    private static Map<Priority, LaneDepth> byLane(LaneDepths depths, Clock clock) {
        Map<Priority, LaneDepth> byLane = new EnumMap<>(Priority.class);
        depths.everyTenant(clock.instant()).forEach(d -> byLane.put(d.lane(), d));
        return byLane;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Priority lane : Priority.values()) {
            Gauge.builder("herald.lane.depth", () -> lanes.get(true).get(lane).due())
                    .description("deliveries due and not yet claimed").tag("lane", lane.name()).register(registry);
            Gauge.builder("herald.lane.oldest.due", () -> lanes.get(true).get(lane).oldestDue().toMillis() / 1000.0)
                    .description("how long the oldest due delivery has waited").baseUnit("seconds")
                    .tag("lane", lane.name()).register(registry);
        }
        for (Channel channel : Channel.values()) {
            Gauge.builder("herald.dead.letters", () -> dead.get(true).get(channel))
                    .description("dead letters waiting for an operator").tag("channel", channel.name())
                    .register(registry);
        }
    }
}
