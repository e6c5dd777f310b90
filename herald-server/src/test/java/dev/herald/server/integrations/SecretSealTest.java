package dev.herald.server.integrations;

import dev.herald.core.channel.Integration;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.jdbc.JdbcStores;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Sealing integration credentials: bound to tenant and name, and rotated to a new key without losing a row. */
class SecretSealTest {
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId OTHER = new TenantId("other");
    private static final Map<String, String> SECRETS = Map.of("password", "hunter2-Dugong");
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));

    private static SecretSeal.Key randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return SecretSeal.Key.of(bytes);
    }

    @Test
    void aSealOpensOnlyForItsTenantAndNameAndNeverRepeatsItsNonce() {
        SecretSeal seal = new SecretSeal(randomKey(), List.of());
        SecretSeal.Sealed sealed = seal.seal(ACME, "relay", SECRETS);

        assertThat(sealed.ciphertext()).doesNotContain("hunter2");
        assertThat(seal.open(ACME, "relay", sealed.ciphertext(), sealed.keyId())).contains(SECRETS);
        assertThat(seal.open(OTHER, "relay", sealed.ciphertext(), sealed.keyId())).isEmpty();
        assertThat(seal.open(ACME, "relay-2", sealed.ciphertext(), sealed.keyId())).isEmpty();
        assertThat(seal.seal(ACME, "relay", SECRETS).ciphertext()).isNotEqualTo(sealed.ciphertext());
        assertThat(new SecretSeal(randomKey(), List.of()).open(ACME, "relay", sealed.ciphertext(), sealed.keyId()))
                .isEmpty();
    }

    @Test
    void afterARotationOldRowsOpenWithThePreviousKeyAndStartUpSealsThemAgainUnderTheNewOne() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:seal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcStores stores = JdbcStores.open(h2, clock);
        stores.apiKeys().ensureTenant(ACME, "Acme");
        SecretSeal.Key oldKey = randomKey();
        SecretSeal.Key newKey = randomKey();
        SecretSeal before = new SecretSeal(oldKey, List.of());
        SecretSeal.Sealed sealed = before.seal(ACME, "relay", SECRETS);
        stores.integrations().put(new Integration(ACME, "relay", "smtp", List.of(Channel.EMAIL), 0, "{}",
                sealed.ciphertext(), sealed.keyId(), 0, clock.instant()));

        SecretSeal rotated = new SecretSeal(newKey, List.of(oldKey));
        assertThat(rotated.open(ACME, "relay", sealed.ciphertext(), sealed.keyId())).contains(SECRETS);
        assertThat(new Resealing(stores.integrations(), rotated, clock).run()).isEqualTo(1);

        Integration row = stores.integrations().find(ACME, "relay").orElseThrow();
        assertThat(row.keyId()).isEqualTo(newKey.id()).isNotEqualTo(oldKey.id());
        SecretSeal newOnly = new SecretSeal(newKey, List.of());
        assertThat(newOnly.open(ACME, "relay", row.secretsCiphertext(), row.keyId())).contains(SECRETS);
        assertThat(new Resealing(stores.integrations(), rotated, clock).run()).isZero();
    }

    @Test
    void aRowUnderAnUnknownKeyIsLeftAsItIs() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:seal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcStores stores = JdbcStores.open(h2, clock);
        stores.apiKeys().ensureTenant(ACME, "Acme");
        SecretSeal.Sealed sealed = new SecretSeal(randomKey(), List.of()).seal(ACME, "relay", SECRETS);
        stores.integrations().put(new Integration(ACME, "relay", "smtp", List.of(Channel.EMAIL), 0, "{}",
                sealed.ciphertext(), sealed.keyId(), 0, clock.instant()));

        assertThat(new Resealing(stores.integrations(), new SecretSeal(randomKey(), List.of()), clock).run()).isZero();
        assertThat(stores.integrations().find(ACME, "relay").orElseThrow().secretsCiphertext())
                .isEqualTo(sealed.ciphertext());
    }
}
