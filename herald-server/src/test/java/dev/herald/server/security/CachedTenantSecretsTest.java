package dev.herald.server.security;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SigningKey;
import dev.herald.core.tenancy.TenantSecrets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys are read once per access version: a rotation or retirement elsewhere moves it and the next use reads again. */
class CachedTenantSecretsTest {
    private static final TenantId ACME = new TenantId("acme");
    private final AtomicLong stored = new AtomicLong(1);
    // Read on every use (a max age of zero), as if every check came after the node's recheck.
    private final AccessVersion version = new AccessVersion(stored::get, Duration.ZERO);
    private final Keys keys = new Keys();
    private final CachedTenantSecrets cached = new CachedTenantSecrets(keys, version);

    @Test
    void keysAreReadOncePerAccessVersion() {
        cached.current(ACME, "user-token");
        cached.current(ACME, "user-token");
        cached.find(ACME, "user-token", 1);
        cached.find(ACME, "user-token", 1);
        assertThat(keys.reads).isEqualTo(2);

        keys.newest = 2;
        assertThat(cached.current(ACME, "user-token").id()).as("the version has not moved").isEqualTo(1);
        stored.incrementAndGet();
        assertThat(cached.current(ACME, "user-token").id()).isEqualTo(2);

        keys.retired = 1;
        stored.incrementAndGet();
        assertThat(cached.find(ACME, "user-token", 1)).isEmpty();
    }

    @Test
    void keysNotFoundAreAskedForAgainAndAnswersAreCopies() {
        cached.find(new TenantId("nobody"), "user-token", 1);
        cached.find(new TenantId("nobody"), "user-token", 1);
        assertThat(keys.reads).isEqualTo(2);

        cached.current(ACME, "user-token").secret()[0] = 0;
        cached.find(ACME, "user-token", 1).orElseThrow()[1] = 0;
        assertThat(cached.current(ACME, "user-token").secret()).isEqualTo(Keys.secret(1));
        assertThat(cached.find(ACME, "user-token", 1)).contains(Keys.secret(1));
    }

    /** Keys of acme only, newest {@code newest}; counts the reads that reach it. */
    private static final class Keys implements TenantSecrets {
        int reads;
        int newest = 1;
        int retired;

        static byte[] secret(int id) {
            return ("key-" + id + "-of-thirty-two-bytes-long!!!!!").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public SigningKey current(TenantId tenant, String purpose) {
            reads++;
            return new SigningKey(newest, secret(newest));
        }

        @Override
        public Optional<byte[]> find(TenantId tenant, String purpose, int keyId) {
            reads++;
            return tenant.equals(ACME) && keyId <= newest && keyId != retired ? Optional.of(secret(keyId))
                    : Optional.empty();
        }
    }
}
