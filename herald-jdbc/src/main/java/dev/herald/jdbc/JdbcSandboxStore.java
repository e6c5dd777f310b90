package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import dev.herald.core.sandbox.CapturedMessage;
import dev.herald.core.sandbox.SandboxStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/** Messages the sandbox providers captured, kept in the database so every node and restart sees them. */
public final class JdbcSandboxStore implements SandboxStore {
    private static final String INSERT = """
            INSERT INTO sandbox_message (id, tenant_id, delivery_id, type, channel, recipient, subject,
                                         body_text, body_html, captured_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JdbcClient client;
    private final GroupCommit<CapturedMessage> captures;

    public JdbcSandboxStore(JdbcTemplate jdbc, TransactionTemplate tx, int writers) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.client = JdbcClient.create(jdbc);
        // Every sandbox send is a write; grouping them keeps the sandbox from being the bottleneck of a run.
        this.captures = new GroupCommit<>(this::insert, 256, writers);
    }

    @Override
    public void capture(CapturedMessage message) {
        captures.write(message);
    }

    private void insert(List<CapturedMessage> group) {
        List<Object[]> rows = new ArrayList<>(group.size());
        for (CapturedMessage m : group) {
            rows.add(new Object[]{m.id(), m.tenant().value(), m.deliveryId(), m.type(), m.channel().name(), m.to(),
                    Sql.text(m.message().subject()), Sql.text(m.message().text()), Sql.text(m.message().html()),
                    Sql.ts(m.capturedAt())});
        }
        tx.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, rows));
    }

    @Override
    public List<CapturedMessage> list(TenantId tenant, Channel channel, String to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM sandbox_message WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (channel != null) {
            sql.append(" AND channel = ?");
            params.add(channel.name());
        }
        if (to != null) {
            sql.append(" AND recipient = ?");
            params.add(to);
        }
        sql.append(" ORDER BY captured_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return client.sql(sql.toString()).params(params)
                .query((rs, i) -> new CapturedMessage(Sql.uuid(rs, "id"), new TenantId(rs.getString("tenant_id")),
                        Sql.uuid(rs, "delivery_id"), rs.getString("type"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("recipient"),
                        new Message(rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html")),
                        Sql.instant(rs, "captured_at")))
                .list();
    }
}
