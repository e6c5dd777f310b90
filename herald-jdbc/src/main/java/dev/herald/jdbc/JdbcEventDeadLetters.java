package dev.herald.jdbc;

import dev.herald.core.deadletter.EventDeadLetter;
import dev.herald.core.deadletter.EventDeadLetterPage;
import dev.herald.core.deadletter.EventDeadLetters;
import dev.herald.core.deadletter.NewEventDeadLetter;
import dev.herald.core.model.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Set-aside business-event records in {@code event_dead_letter}, one row per source topic, partition and offset. */
public final class JdbcEventDeadLetters implements EventDeadLetters {
    private static final int MAX_ERROR = 1000;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcClient client;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RowMapper<EventDeadLetter> letter = (rs, i) -> new EventDeadLetter(Sql.uuid(rs, "id"),
            new TenantId(rs.getString("tenant_id")), rs.getString("topic"), rs.getInt("source_partition"),
            rs.getLong("source_offset"), rs.getBytes("record_key"), rs.getBytes("record_value"),
            headers(rs.getString("headers")), rs.getString("error"), rs.getInt("attempts"),
            Sql.instant(rs, "set_aside_at"), Sql.instant(rs, "last_attempt_at"));

    public JdbcEventDeadLetters(JdbcTemplate jdbc) {
        this.client = JdbcClient.create(jdbc);
    }

    @Override
    public UUID setAside(NewEventDeadLetter l) {
        Optional<UUID> existing = existing(l);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            client.sql("""
                            INSERT INTO event_dead_letter (id, tenant_id, topic, source_partition, source_offset,
                                record_key, record_value, headers, error, attempts, set_aside_at, last_attempt_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(l.id(), l.tenant().value(), l.topic(), l.partition(), l.offset(), l.key(), l.value(),
                            headersJson(l.headers()), clip(l.error()), l.attempts(), Sql.ts(l.at()), Sql.ts(l.at()))
                    .update();
            return l.id();
        } catch (DuplicateKeyException raced) {
            // Another consumer (after a rebalance) set the same record aside first.
            return existing(l).orElseThrow(() -> raced);
        }
    }

    private Optional<UUID> existing(NewEventDeadLetter l) {
        return client.sql("""
                        SELECT id FROM event_dead_letter
                        WHERE topic = ? AND source_partition = ? AND source_offset = ?""")
                .params(l.topic(), l.partition(), l.offset()).query(UUID.class).optional();
    }

    @Override
    public EventDeadLetterPage list(TenantId tenant, int limit, UUID before) {
        List<EventDeadLetter> rows = before == null
                ? client.sql("SELECT * FROM event_dead_letter WHERE tenant_id = ? ORDER BY id DESC LIMIT ?")
                .params(tenant.value(), limit + 1).query(letter).list()
                : client.sql("""
                        SELECT * FROM event_dead_letter WHERE tenant_id = ? AND id < ? ORDER BY id DESC LIMIT ?""")
                .params(tenant.value(), before, limit + 1).query(letter).list();
        boolean more = rows.size() > limit;
        List<EventDeadLetter> page = more ? rows.subList(0, limit) : rows;
        return new EventDeadLetterPage(page, more ? page.getLast().id() : null);
    }

    @Override
    public Optional<EventDeadLetter> find(TenantId tenant, UUID id) {
        return client.sql("SELECT * FROM event_dead_letter WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(letter).optional();
    }

    @Override
    public void failedAgain(TenantId tenant, UUID id, String error, Instant at) {
        client.sql("""
                        UPDATE event_dead_letter SET attempts = attempts + 1, error = ?, last_attempt_at = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(clip(error), Sql.ts(at), tenant.value(), id).update();
    }

    @Override
    public boolean remove(TenantId tenant, UUID id) {
        return client.sql("DELETE FROM event_dead_letter WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).update() == 1;
    }

    private static String clip(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    private String headersJson(Map<String, byte[]> headers) {
        Map<String, String> encoded = new LinkedHashMap<>();
        headers.forEach((name, value) -> encoded.put(name,
                value == null ? null : Base64.getEncoder().encodeToString(value)));
        return json.writeValueAsString(encoded);
    }

    private Map<String, byte[]> headers(String text) {
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        json.readValue(text, HEADERS).forEach((name, value) -> decoded.put(name,
                value == null ? new byte[0] : Base64.getDecoder().decode(value)));
        return decoded;
    }
}
