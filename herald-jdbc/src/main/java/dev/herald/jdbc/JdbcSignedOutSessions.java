package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SignedOutSessions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;

/**
 * Signed-out console sessions in {@code console_session_revocation}. A sign-out is rare (a person clicking), so it
 * also deletes the rows of sessions that have expired since: the table holds at most the sign-outs of one session
 * lifetime, with no sweeper to schedule. The access version moves in the same transaction, as a key revocation's does.
 */
public final class JdbcSignedOutSessions implements SignedOutSessions {
    private static final int MAX_HASH = 64;
    private final JdbcClient client;
    private final TransactionTemplate tx;

    public JdbcSignedOutSessions(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public void signOut(TenantId tenant, String sessionHash, Instant expiresAt, Instant now) {
        check(sessionHash);
        try {
            tx.executeWithoutResult(status -> {
                client.sql("DELETE FROM console_session_revocation WHERE expires_at < ?").param(Sql.ts(now)).update();
                boolean known = client.sql("SELECT COUNT(*) FROM console_session_revocation WHERE session_hash = ?")
                        .param(sessionHash).query(Long.class).single() > 0;
                if (!known) {
                    client.sql("INSERT INTO console_session_revocation (tenant_id, session_hash, expires_at, "
                                    + "signed_out_at) VALUES (?, ?, ?, ?)")
                            .params(tenant.value(), sessionHash, Sql.ts(expiresAt), Sql.ts(now)).update();
                    JdbcApiKeyStore.moveAccessVersion(client);
                }
            });
        } catch (DuplicateKeyException raced) {
            // Signed out on another node at the same moment (two tabs): that sign-out stands and moved the version.
        }
    }

    @Override
    public boolean isSignedOut(TenantId tenant, String sessionHash) {
        check(sessionHash);
        return client.sql("SELECT COUNT(*) FROM console_session_revocation WHERE session_hash = ? AND tenant_id = ?")
                .params(sessionHash, tenant.value()).query(Long.class).single() > 0;
    }

    private static void check(String sessionHash) {
        if (sessionHash == null || sessionHash.isEmpty() || sessionHash.length() > MAX_HASH) {
            throw new IllegalArgumentException("a session hash is 1 to " + MAX_HASH + " characters");
        }
    }
}
