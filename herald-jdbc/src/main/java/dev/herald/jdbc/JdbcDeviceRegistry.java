package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.recipients.Device;
import dev.herald.core.recipients.DeviceRegistry;
import dev.herald.core.recipients.PushAddress;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Push devices in the {@code device} table, keyed by (tenant, token): a token belongs to one user at a time. */
public final class JdbcDeviceRegistry implements DeviceRegistry {
    private static final RowMapper<Device> DEVICE = (rs, i) -> new Device(rs.getString("user_id"),
            PushAddress.PushPlatform.valueOf(rs.getString("platform")), rs.getString("token"),
            Sql.instant(rs, "registered_at"));

    private final JdbcClient client;
    private final SqlDialect dialect;
    private final TransactionTemplate tx;

    public JdbcDeviceRegistry(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect) {
        this.dialect = dialect;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public boolean register(TenantId tenant, Device device) {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> update(tenant, device) == 0 && insert(tenant, device)));
        } catch (DuplicateKeyException raced) {
            tx.execute(status -> update(tenant, device));
            return false;
        }
    }

    private int update(TenantId tenant, Device device) {
        // A phone handed to someone else keeps its token: the newest registration owns it.
        return client.sql("UPDATE device SET user_id = ?, platform = ?, registered_at = ? WHERE tenant_id = ? AND token = ?")
                .params(device.userId(), device.platform().name(), Sql.ts(device.registeredAt()), tenant.value(),
                        device.token())
                .update();
    }

    private boolean insert(TenantId tenant, Device device) {
        client.sql("INSERT INTO device (tenant_id, token, user_id, platform, registered_at) VALUES (?, ?, ?, ?, ?)")
                .params(tenant.value(), device.token(), device.userId(), device.platform().name(),
                        Sql.ts(device.registeredAt()))
                .update();
        return true;
    }

    @Override
    public List<Device> devicesOf(TenantId tenant, String userId) {
        return client.sql("SELECT user_id, platform, token, registered_at FROM device WHERE tenant_id = ? AND user_id = ?"
                        + " ORDER BY registered_at, token")
                .params(tenant.value(), userId).query(DEVICE).list();
    }

    @Override
    public Map<String, List<Device>> devicesOf(TenantId tenant, Collection<String> userIds) {
        Map<String, List<Device>> byUser = new LinkedHashMap<>();
        if (userIds.isEmpty()) {
            return byUser;
        }
        client.sql(dialect.byKeys("d.user_id, d.platform, d.token, d.registered_at", "device", "d",
                        "d.tenant_id = ? AND d.user_id = wanted.id") + " ORDER BY d.registered_at, d.token")
                .params(Sql.keys(userIds), tenant.value()).query(DEVICE).list()
                .forEach(d -> byUser.computeIfAbsent(d.userId(), u -> new ArrayList<>()).add(d));
        return byUser;
    }

    @Override
    public boolean remove(TenantId tenant, String userId, String token) {
        return client.sql("DELETE FROM device WHERE tenant_id = ? AND user_id = ? AND token = ?")
                .params(tenant.value(), userId, token).update() > 0;
    }

    @Override
    public boolean forget(TenantId tenant, String token) {
        return client.sql("DELETE FROM device WHERE tenant_id = ? AND token = ?")
                .params(tenant.value(), token).update() > 0;
    }
}
