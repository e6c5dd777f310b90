package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeStore;
import dev.herald.core.request.Violations;
import dev.herald.core.workflow.WorkflowRules;
import dev.herald.core.workflow.WorkflowStep;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Notification types in {@code notification_type}: lists as comma-separated names, fixed recipients as JSON. */
public final class JdbcTypeStore implements TypeStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Object>> STEPS = new TypeReference<>() {
    };
    private static final RowMapper<NotificationType> TYPE = (rs, i) -> new NotificationType(rs.getString("name"),
            split(rs.getString("channels")).stream().map(Channel::valueOf).toList(), rs.getBoolean("every_channel"),
            Priority.valueOf(rs.getString("priority")), rs.getBoolean("critical"),
            split(rs.getString("recipient_fields")), fixed(rs.getString("fixed_recipients")),
            seconds(rs.getObject("expiry_seconds", Long.class)), seconds(rs.getObject("dedup_seconds", Long.class)),
            Sql.instant(rs, "updated_at"), steps(rs.getString("steps_json"), rs.getBoolean("critical")));

    private final JdbcClient client;
    private final TransactionTemplate tx;

    public JdbcTypeStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public boolean put(TenantId tenant, NotificationType type) {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> update(tenant, type) == 0 && insert(tenant, type)));
        } catch (DuplicateKeyException raced) {
            tx.execute(status -> update(tenant, type));
            return false;
        }
    }

    @Override
    public boolean putIfAbsent(TenantId tenant, NotificationType type) {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> find(tenant, type.name()).isEmpty() && insert(tenant, type)));
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    private int update(TenantId tenant, NotificationType t) {
        return client.sql("""
                        UPDATE notification_type SET channels = ?, every_channel = ?, priority = ?, critical = ?,
                               recipient_fields = ?, fixed_recipients = ?, expiry_seconds = ?, dedup_seconds = ?,
                               updated_at = ?, steps_json = ?
                        WHERE tenant_id = ? AND name = ?""")
                .params(join(t.channels().stream().map(Enum::name).toList()), t.everyChannel(), t.priority().name(),
                        t.critical(), join(t.recipientFields()), Sql.text(fixedJson(t)), seconds(t.expiry()),
                        seconds(t.dedupWindow()), Sql.ts(t.updatedAt()), Sql.text(stepsJson(t)), tenant.value(),
                        t.name())
                .update();
    }

    private boolean insert(TenantId tenant, NotificationType t) {
        client.sql("""
                        INSERT INTO notification_type (tenant_id, name, channels, every_channel, priority, critical,
                               recipient_fields, fixed_recipients, expiry_seconds, dedup_seconds, updated_at,
                               steps_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), t.name(), join(t.channels().stream().map(Enum::name).toList()),
                        t.everyChannel(), t.priority().name(), t.critical(), join(t.recipientFields()),
                        Sql.text(fixedJson(t)), seconds(t.expiry()), seconds(t.dedupWindow()), Sql.ts(t.updatedAt()),
                        Sql.text(stepsJson(t)))
                .update();
        return true;
    }

    @Override
    public Optional<NotificationType> find(TenantId tenant, String name) {
        return client.sql("SELECT * FROM notification_type WHERE tenant_id = ? AND name = ?")
                .params(tenant.value(), name).query(TYPE).optional();
    }

    @Override
    public List<NotificationType> list(TenantId tenant) {
        return client.sql("SELECT * FROM notification_type WHERE tenant_id = ? ORDER BY name")
                .param(tenant.value()).query(TYPE).list();
    }

    @Override
    public boolean delete(TenantId tenant, String name) {
        return client.sql("DELETE FROM notification_type WHERE tenant_id = ? AND name = ?")
                .params(tenant.value(), name).update() > 0;
    }

    private static String join(List<String> values) {
        return String.join(",", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    private static String fixedJson(NotificationType t) {
        if (t.fixedRecipients().isEmpty()) {
            return null;
        }
        Map<String, String> byName = new TreeMap<>();
        t.fixedRecipients().forEach((channel, address) -> byName.put(channel.name(), address));
        return JSON.writeValueAsString(byName);
    }

    private static Map<Channel, String> fixed(String json) {
        Map<Channel, String> fixed = new EnumMap<>(Channel.class);
        if (json != null) {
            JSON.readValue(json, MAP).forEach((channel, address) -> fixed.put(Channel.valueOf(channel), address));
        }
        return fixed;
    }

    /** The steps as the API writes them, so stored and shown read alike; null for a type without steps. */
    private static String stepsJson(NotificationType t) {
        return t.hasSteps() ? JSON.writeValueAsString(t.steps().stream().map(WorkflowStep::written).toList()) : null;
    }

    /** Stored steps were validated when written; read back through the same rules. */
    private static List<WorkflowStep> steps(String json, boolean critical) {
        if (json == null) {
            return List.of();
        }
        Violations v = new Violations();
        List<WorkflowStep> steps = WorkflowRules.validate(JSON.readValue(json, STEPS), critical, v);
        if (!v.isEmpty()) {
            throw new IllegalStateException("stored workflow steps no longer pass the rules");
        }
        return steps;
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    private static Duration seconds(Long s) {
        return s == null ? null : Duration.ofSeconds(s);
    }
}
