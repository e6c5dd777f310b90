package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.model.StatusMove;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** What waits in the queue right now, per lane, and what lies in the dead-letter queue, per channel: for gauges. */
public final class JdbcBacklog {
    // Due and claimable: exactly what a dispatcher of the lane would take next (a SENDING row whose lease ran out
    // included), so the depth is the work a worker has not caught up with, not what is scheduled for later.
    private static final String LANES = """
            SELECT lane, COUNT(*) AS depth, MIN(due_at) AS oldest FROM delivery
            WHERE due_at <= ? AND %s GROUP BY lane"""
            .formatted(StatusSql.from(StatusMove.CLAIM));
    private static final String DEAD = "SELECT channel, COUNT(*) FROM dead_letter GROUP BY channel";

    private final JdbcTemplate jdbc;

    public JdbcBacklog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A lane's due deliveries and how long the oldest of them has been due. */
    public record Lane(long depth, Duration oldestDue) {
        static final Lane EMPTY = new Lane(0, Duration.ZERO);
    }

    /** Every lane, the empty ones included. */
    public Map<Priority, Lane> lanes(Instant now) {
        Map<Priority, Lane> lanes = new EnumMap<>(Priority.class);
        for (Priority lane : Priority.values()) {
            lanes.put(lane, Lane.EMPTY);
        }
        jdbc.query(LANES, rs -> {
            Instant oldest = Sql.instant(rs, "oldest");
            Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
            lanes.put(Priority.valueOf(rs.getString("lane")), new Lane(rs.getLong("depth"), age));
        }, Sql.ts(now));
        return lanes;
    }

    /** Dead letters waiting for an operator, every channel included. */
    public Map<Channel, Long> deadLetters() {
        Map<Channel, Long> dead = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            dead.put(channel, 0L);
        }
        jdbc.query(DEAD, rs -> {
            dead.put(Channel.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return dead;
    }
}
