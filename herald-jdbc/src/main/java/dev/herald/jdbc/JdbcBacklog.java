package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.EnumMap;
import java.util.Map;

/**
 * What lies in the dead-letter queue, per channel and over every tenant: for gauges. (Lane depths for the gauges
 * come from {@link JdbcLaneDepths#everyTenant}, the same query the dashboard runs per tenant.)
 */
public final class JdbcBacklog {
    private static final String DEAD = "SELECT channel, COUNT(*) FROM dead_letter GROUP BY channel";

    private final JdbcTemplate jdbc;

    public JdbcBacklog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
