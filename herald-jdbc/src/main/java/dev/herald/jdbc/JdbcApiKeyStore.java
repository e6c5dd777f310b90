package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.Scope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Tenants and their hashed API keys. */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private final JdbcClient client;
    private final Clock clock;

    public JdbcApiKeyStore(JdbcTemplate jdbc, Clock clock) {
        this.client = JdbcClient.create(jdbc);
        this.clock = clock;
    }

    @Override
    public void ensureTenant(TenantId tenant, String name) {
        boolean exists = client.sql("SELECT COUNT(*) FROM tenant WHERE id = ?").param(tenant.value())
                .query(Long.class).single() > 0;
        if (!exists) {
            try {
                client.sql("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?)")
                        .params(tenant.value(), name, Sql.ts(clock.instant())).update();
            } catch (DuplicateKeyException raced) {
                // Created by another node starting at the same time: that is what we wanted.
            }
        }
    }

    @Override
    public void save(ApiKey key) {
        client.sql("INSERT INTO api_key (id, tenant_id, name, key_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(key.id(), key.tenant().value(), key.name(), key.keyHash(),
                        key.scopes().stream().map(Scope::name).sorted().collect(Collectors.joining(",")),
                        Sql.ts(key.createdAt()))
                .update();
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return client.sql("SELECT id, tenant_id, name, key_hash, scopes, created_at FROM api_key WHERE key_hash = ?")
                .param(keyHash)
                .query((rs, i) -> new ApiKey(Sql.uuid(rs, "id"), new TenantId(rs.getString("tenant_id")),
                        rs.getString("name"), rs.getString("key_hash"), scopes(rs.getString("scopes")),
                        Sql.instant(rs, "created_at")))
                .optional();
    }

    @Override
    public boolean hasAdminKey(TenantId tenant) {
        return client.sql("SELECT scopes FROM api_key WHERE tenant_id = ?").param(tenant.value())
                .query(String.class).list().stream().anyMatch(s -> scopes(s).contains(Scope.ADMIN));
    }

    private static Set<Scope> scopes(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(Scope::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }
}
