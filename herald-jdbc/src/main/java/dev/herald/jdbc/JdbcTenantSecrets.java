package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.TenantSecrets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant secrets in the {@code tenant_secret} table, 32 random bytes each. Secrets never change once made, so
 * every node caches them after the first read; two nodes creating one at once agree on whichever row won.
 */
public final class JdbcTenantSecrets implements TenantSecrets {
    private final JdbcClient client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public JdbcTenantSecrets(JdbcTemplate jdbc, Clock clock) {
        this.client = JdbcClient.create(jdbc);
        this.clock = clock;
    }

    @Override
    public byte[] secret(TenantId tenant, String purpose) {
        Optional<byte[]> existing = find(tenant, purpose);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        try {
            client.sql("INSERT INTO tenant_secret (tenant_id, purpose, secret, created_at) VALUES (?, ?, ?, ?)")
                    .params(tenant.value(), purpose, Base64.getEncoder().encodeToString(fresh), Sql.ts(clock.instant()))
                    .update();
        } catch (DuplicateKeyException lostTheRace) {
            // Another node made it first; use theirs.
        }
        return find(tenant, purpose).orElseThrow();
    }

    @Override
    public Optional<byte[]> find(TenantId tenant, String purpose) {
        String key = tenant.value() + "\u0000" + purpose;
        byte[] cached = cache.get(key);
        if (cached != null) {
            // A copy: the cached secret must not be changed by whoever holds the answer.
            return Optional.of(cached.clone());
        }
        Optional<byte[]> stored = client.sql("SELECT secret FROM tenant_secret WHERE tenant_id = ? AND purpose = ?")
                .params(tenant.value(), purpose)
                .query((rs, i) -> Base64.getDecoder().decode(rs.getString("secret"))).optional();
        stored.ifPresent(s -> cache.put(key, s.clone()));
        return stored;
    }
}
