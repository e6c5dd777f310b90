package dev.herald.core.unsubscribe;

import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SigningKey;
import dev.herald.core.tenancy.TenantSecrets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
                case 6 -> "01";
                default -> parts[7].startsWith("A") ? "B" + parts[7].substring(1) : "A" + parts[7].substring(1);
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
    void afterARotationOldLinksWorkUntilTheirKeyIsRetired() {
        String before = tokens.issue(ACME, "ann", "promo.weekly", Channel.EMAIL, Duration.ofDays(60));
        secrets.rotate(ACME);
        String after = tokens.issue(ACME, "ann", "promo.weekly", Channel.EMAIL, Duration.ofDays(60));

        assertThat(before.split("\\.")[6]).isEqualTo("1");
        assertThat(after.split("\\.")[6]).isEqualTo("2");
        assertThat(tokens.verify(before)).isInstanceOf(UnsubscribeTokens.Verdict.Valid.class);
        assertThat(tokens.verify(after)).isInstanceOf(UnsubscribeTokens.Verdict.Valid.class);

        secrets.retire(ACME, 1);
        assertThat(tokens.verify(before)).isSameAs(UnsubscribeTokens.Verdict.FORGED);
        assertThat(tokens.verify(after)).isInstanceOf(UnsubscribeTokens.Verdict.Valid.class);
        // Naming the new key on an old link does not make it verify: the key id is signed.
        String[] relabelled = before.split("\\.");
        relabelled[6] = "2";
        assertThat(tokens.verify(String.join(".", relabelled))).isSameAs(UnsubscribeTokens.Verdict.FORGED);
    }

    @Test
    void linksOfTheFormatWithoutAKeyIdWereSignedByKeyOne() throws Exception {
        String payload = "hx1." + b64(ACME.value()) + "." + b64("ann") + "." + b64("promo.weekly") + ".EMAIL."
                + clock.instant().plus(Duration.ofDays(1)).getEpochSecond();
        byte[] keyOne = secrets.current(ACME, UnsubscribeTokens.PURPOSE).secret();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(keyOne, "HmacSHA256"));
        String legacy = payload + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));

        assertThat(tokens.verify(legacy)).isInstanceOf(UnsubscribeTokens.Verdict.Valid.class);
        secrets.rotate(ACME);
        assertThat(tokens.verify(legacy)).isInstanceOf(UnsubscribeTokens.Verdict.Valid.class);
        secrets.retire(ACME, 1);
        assertThat(tokens.verify(legacy)).isSameAs(UnsubscribeTokens.Verdict.FORGED);
    }

    private static String b64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The port's rules in memory: the first key made on first use, newer ones by rotation; finding never creates. */
    private static final class Secrets implements TenantSecrets {
        final Map<String, List<byte[]>> stored = new HashMap<>();
        final Set<String> retired = new HashSet<>();

        @Override
        public SigningKey current(TenantId tenant, String purpose) {
            List<byte[]> keys = stored.computeIfAbsent(tenant + "/" + purpose, k -> new ArrayList<>());
            if (keys.isEmpty()) {
                keys.add(newKey(tenant, keys.size()));
            }
            return new SigningKey(keys.size(), keys.getLast());
        }

        @Override
        public Optional<byte[]> find(TenantId tenant, String purpose, int keyId) {
            List<byte[]> keys = stored.getOrDefault(tenant + "/" + purpose, List.of());
            return keyId < 1 || keyId > keys.size() || retired.contains(tenant + "/" + keyId) ? Optional.empty()
                    : Optional.of(keys.get(keyId - 1));
        }

        void rotate(TenantId tenant) {
            List<byte[]> keys = stored.computeIfAbsent(tenant + "/" + UnsubscribeTokens.PURPOSE, k -> new ArrayList<>());
            keys.add(newKey(tenant, keys.size()));
        }

        void retire(TenantId tenant, int keyId) {
            retired.add(tenant + "/" + keyId);
        }

        private static byte[] newKey(TenantId tenant, int n) {
            return (tenant + "-" + n + "-32-bytes-of-secret-material!").getBytes(StandardCharsets.UTF_8);
        }
    }
}
