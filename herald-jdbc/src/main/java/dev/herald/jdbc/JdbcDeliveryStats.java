package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.stats.DailyDeliveryStats;
import dev.herald.core.stats.DeliveryCounts;
import dev.herald.core.stats.DeliveryStats;
import dev.herald.core.stats.LatencyHistogram;
import dev.herald.core.stats.ProviderSends;
import dev.herald.core.stats.StatsQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the {@code delivery_stats} read model that the stores add to as they write. */
public final class JdbcDeliveryStats implements DeliveryStats {
    // A day's counts of one channel and type are spread over StatsTally.SLOTS rows: summed here.
    private static final String SELECT = "SELECT on_day, channel, type, " + StatsTally.COLUMNS.stream()
            .map(c -> "SUM(" + c + ") AS " + c).collect(Collectors.joining(", "))
            + " FROM delivery_stats WHERE tenant_id = ? AND on_day >= ? AND on_day <= ?";

    private final JdbcClient client;

    public JdbcDeliveryStats(JdbcTemplate jdbc) {
        this.client = JdbcClient.create(jdbc);
    }

    @Override
    public List<DailyDeliveryStats> daily(TenantId tenant, StatsQuery query) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>(List.of(tenant.value(), query.from(), query.to()));
        if (query.channel() != null) {
            sql.append(" AND channel = ?");
            params.add(query.channel().name());
        }
        if (query.type() != null) {
            sql.append(" AND type = ?");
            params.add(query.type());
        }
        sql.append(" GROUP BY on_day, channel, type ORDER BY on_day, channel, type");
        return client.sql(sql.toString()).params(params).query(JdbcDeliveryStats::row).list();
    }

    @Override
    public List<ProviderSends> sentByProvider(TenantId tenant, LocalDate from, LocalDate to) {
        return client.sql("""
                        SELECT channel, provider, SUM(sent) AS sent FROM delivery_provider_stats
                        WHERE tenant_id = ? AND on_day >= ? AND on_day <= ?
                        GROUP BY channel, provider ORDER BY channel, provider""")
                .params(tenant.value(), from, to)
                .query((rs, i) -> new ProviderSends(Channel.valueOf(rs.getString("channel")),
                        rs.getString("provider").isEmpty() ? null : rs.getString("provider"), rs.getLong("sent")))
                .list();
    }

    private static DailyDeliveryStats row(ResultSet rs, int i) throws SQLException {
        List<Long> latency = new ArrayList<>(LatencyHistogram.BUCKETS);
        for (int b = 0; b < LatencyHistogram.BUCKETS; b++) {
            latency.add(rs.getLong("latency_" + b));
        }
        DeliveryCounts counts = new DeliveryCounts(rs.getLong("accepted"), rs.getLong("sent"),
                rs.getLong("delivered"), rs.getLong("read_count"), rs.getLong("failed"), rs.getLong("dead"),
                rs.getLong("suppressed"), rs.getLong("suppressed_dedup"), rs.getLong("expired"),
                rs.getLong("cancelled"), new LatencyHistogram(latency));
        return new DailyDeliveryStats(rs.getObject("on_day", LocalDate.class), Channel.valueOf(rs.getString("channel")),
                rs.getString("type"), counts);
    }
}
