package dev.herald.core.unsubscribe;

import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.TenantSecrets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UnsubscribeTokensTest {
    private static final TenantId ACME = new TenantId("acme");
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final Secrets secrets = new Secrets();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(secrets, clock);

    @Test
    void aTokenSpeaksForItsTenantUserTypeAndChannelUntilItExpires() {
        String token = tokens.issue(ACME, "ann", "promo.weekly", Channel.EMAIL, Duration.ofDays(60));

        assertThat(tokens.verify(token)).isEqualTo(new UnsubscribeTokens.Verdict.Valid(new UnsubscribeToken(ACME,
                "ann", "promo.weekly", Channel.EMAIL, Instant.parse("2026-12-02T10:00:00Z").plus(Duration.ofDays(60)))));
        clock.advance(Duration.ofDays(60));
        assertThat(tokens.verify(token)).isInstanceOf(UnsubscribeTokens.Verdict.Expired.class);
    }

    @Test
    void changingAnyPartOfATokenMakesItForged() {
        String token = tokens.issue(ACME, "ann", "promo.weekly", Channel.EMAIL, Duration.ofDays(60));
        String[] parts = token.split("\\.");

        for (int i = 1; i < parts.length; i++) {
            String[] changed = parts.clone();
            changed[i] = switch (i) {
                case 1 -> b64("other");
                case 2 -> b64("bob");
                case 3 -> b64("order.shipped");
                case 4 -> "SMS";
                case 5 -> String.valueOf(Long.parseLong(parts[5]) + 86_400);
                default -> parts[6].startsWith("A") ? "B" + parts[6].substring(1) : "A" + parts[6].substring(1);
            };
            assertThat(tokens.verify(String.join(".", changed))).as("part %d changed", i)
                    .isSameAs(UnsubscribeTokens.Verdict.FORGED);
        }
        assertThat(tokens.verify(null)).isSameAs(UnsubscribeTokens.Verdict.FORGED);
        assertThat(tokens.verify("hx1.%%%.a.b.EMAIL.1.c")).isSameAs(UnsubscribeTokens.Verdict.FORGED);
        assertThat(tokens.verify(token + "." + "x".repeat(UnsubscribeTokens.MAX_LENGTH)))
                .isSameAs(UnsubscribeTokens.Verdict.FORGED);
    }

    @Test
    void checkingATokenOfAnUnknownTenantCreatesNoSecret() {
        String token = tokens.issue(ACME, "ann", "promo.weekly", Channel.EMAIL, Duration.ofDays(1));
        String[] parts = token.split("\\.");
        parts[1] = b64("nobody");

        assertThat(tokens.verify(String.join(".", parts))).isSameAs(UnsubscribeTokens.Verdict.FORGED);
        assertThat(secrets.stored).containsOnlyKeys(ACME + "/" + UnsubscribeTokens.PURPOSE);
    }

    @Test
    void signingReadsTheSecretOncePerTenant() {
        tokens.issue(ACME, "ann", "promo.weekly", Channel.EMAIL, Duration.ofDays(1));
        tokens.issue(ACME, "bob", "promo.weekly", Channel.EMAIL, Duration.ofDays(1));
        tokens.issue(ACME, "cat", "promo.daily", Channel.EMAIL, Duration.ofDays(1));

        assertThat(secrets.reads).isEqualTo(1);
    }

    private static String b64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The port's rules in memory: made on first use, stable after; finding never creates. */
    private static final class Secrets implements TenantSecrets {
        final Map<String, byte[]> stored = new HashMap<>();
        int reads;

        @Override
        public byte[] secret(TenantId tenant, String purpose) {
            reads++;
            return stored.computeIfAbsent(tenant + "/" + purpose,
                    k -> (k + "-32-bytes-of-secret-material!").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<byte[]> find(TenantId tenant, String purpose) {
            reads++;
            return Optional.ofNullable(stored.get(tenant + "/" + purpose));
        }
    }
}
