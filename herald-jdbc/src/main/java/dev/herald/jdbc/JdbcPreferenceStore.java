package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.preferences.Preferences;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Preferences in {@code user_preference}: opted-out channels as names, per-type channels as JSON. */
public final class JdbcPreferenceStore implements PreferenceStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, List<String>>> BY_TYPE = new TypeReference<>() {
    };
    private static final RowMapper<Preferences> ROW = (rs, i) -> new Preferences(rs.getString("user_id"),
            channels(rs.getString("opted_out")), byType(rs.getString("channels_by_type")),
            time(rs.getString("quiet_start")), time(rs.getString("quiet_end")), rs.getString("quiet_zone"),
            Sql.instant(rs, "updated_at"));

    private final JdbcClient client;
    private final SqlDialect dialect;
    private final TransactionTemplate tx;

    public JdbcPreferenceStore(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect) {
        this.dialect = dialect;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public void put(TenantId tenant, Preferences p) {
        Object[] values = {names(p.optedOut()), Sql.text(json(p.channelsByType())), Sql.text(text(p.quietStart())),
                Sql.text(text(p.quietEnd())), Sql.text(p.quietZone()), Sql.ts(p.updatedAt()), tenant.value(),
                p.userId()};
        try {
            tx.executeWithoutResult(status -> {
                int updated = client.sql("""
                                UPDATE user_preference SET opted_out = ?, channels_by_type = ?, quiet_start = ?,
                                       quiet_end = ?, quiet_zone = ?, updated_at = ?
                                WHERE tenant_id = ? AND user_id = ?""").params(values).update();
                if (updated == 0) {
                    client.sql("""
                                    INSERT INTO user_preference (opted_out, channels_by_type, quiet_start, quiet_end,
                                           quiet_zone, updated_at, tenant_id, user_id)
                                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""").params(values).update();
                }
            });
        } catch (DuplicateKeyException raced) {
            put(tenant, p);
        }
    }

    @Override
    public Optional<Preferences> find(TenantId tenant, String userId) {
        return client.sql("SELECT * FROM user_preference WHERE tenant_id = ? AND user_id = ?")
                .params(tenant.value(), userId).query(ROW).optional();
    }

    @Override
    public Map<String, Preferences> findAll(TenantId tenant, Collection<String> userIds) {
        Map<String, Preferences> found = new HashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        client.sql(dialect.byKeys("p.*", "user_preference", "p", "p.tenant_id = ? AND p.user_id = wanted.id"))
                .params(Sql.keys(userIds), tenant.value()).query(ROW).list().forEach(p -> found.put(p.userId(), p));
        return found;
    }

    private static String names(Set<Channel> channels) {
        return channels.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<Channel> channels(String names) {
        Set<Channel> set = EnumSet.noneOf(Channel.class);
        if (names != null && !names.isEmpty()) {
            Arrays.stream(names.split(",")).map(Channel::valueOf).forEach(set::add);
        }
        return set;
    }

    private static String json(Map<String, Set<Channel>> byType) {
        if (byType.isEmpty()) {
            return null;
        }
        Map<String, List<String>> plain = new TreeMap<>();
        byType.forEach((type, channels) -> plain.put(type, channels.stream().map(Enum::name).sorted().toList()));
        return JSON.writeValueAsString(plain);
    }

    private static Map<String, Set<Channel>> byType(String json) {
        Map<String, Set<Channel>> map = new HashMap<>();
        if (json != null) {
            JSON.readValue(json, BY_TYPE).forEach((type, names) -> map.put(type, channels(String.join(",", names))));
        }
        return map;
    }

    private static String text(LocalTime time) {
        return time == null ? null : time.toString();
    }

    private static LocalTime time(String text) {
        return text == null ? null : LocalTime.parse(text);
    }
}
