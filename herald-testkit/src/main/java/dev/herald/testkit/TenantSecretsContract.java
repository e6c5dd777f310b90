package dev.herald.testkit;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SigningKey;
import dev.herald.core.tenancy.SigningKeyInfo;
import dev.herald.core.tenancy.SigningKeyRotation.Retirement;
import dev.herald.core.tenancy.UserToken;
import dev.herald.core.tenancy.UserTokens;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Keys are made once per tenant and purpose, and replaced only by rotation; user tokens signed with them check out
 * only as issued, and only while the key that signed them is not retired.
 */
public abstract class TenantSecretsContract extends StoreContract {

    @Test
    void aSecretIsCreatedOnceAndDiffersPerTenant() {
        assertThat(stores.secrets().find(TENANT, "user-token", 1)).isEmpty();

        SigningKey first = stores.secrets().current(TENANT, "user-token");
        SigningKey again = stores.secrets().current(TENANT, "user-token");

        assertThat(first.id()).isEqualTo(1);
        assertThat(first.secret()).hasSize(32).isEqualTo(again.secret());
        assertThat(stores.secrets().secret(TENANT, "user-token")).isEqualTo(first.secret());
        assertThat(stores.secrets().find(TENANT, "user-token", 1)).contains(first.secret());
        assertThat(stores.secrets().find(TENANT, "user-token", 2)).isEmpty();
        assertThat(stores.secrets().secret(OTHER_TENANT, "user-token")).isNotEqualTo(first.secret());
    }

    @Test
    void userTokensVerifyOnlyUnchangedAndUnexpired() {
        UserTokens tokens = new UserTokens(stores.secrets(), stores.tokenGenerations(), clock);
        String token = tokens.issue(TENANT, "ann", Duration.ofHours(1));

        assertThat(token).startsWith("hu3.");
        assertThat(tokens.verify(token)).contains(new UserToken(TENANT, "ann",
                clock.instant().plus(Duration.ofHours(1))));

        String otherUser = token.replaceFirst("\\.YW5u\\.", ".Ym9i.");
        assertThat(otherUser).isNotEqualTo(token);
        assertThat(tokens.verify(otherUser)).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "xx")).isEmpty();
        assertThat(tokens.verify("hu1.bm9wZQ.YW5u.99999999999.AAAA")).isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
        assertThat(stores.secrets().find(new TenantId("nope"), "user-token", 1)).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aRotatedKeySignsWhileOlderKeysVerifyUntilRetired() {
        UserTokens tokens = new UserTokens(stores.secrets(), stores.tokenGenerations(), clock);
        String before = tokens.issue(TENANT, "ann", Duration.ofHours(1));
        String legacy = legacyToken(stores.secrets().current(TENANT, UserTokens.PURPOSE).secret());

        SigningKeyInfo rotated = stores.signingKeys().rotate(TENANT, UserTokens.PURPOSE);
        String after = tokens.issue(TENANT, "ann", Duration.ofHours(1));

        assertThat(rotated.id()).isEqualTo(2);
        assertThat(rotated.current()).isTrue();
        assertThat(rotated.createdAt()).isNotNull();
        assertThat(stores.secrets().current(TENANT, UserTokens.PURPOSE).id()).isEqualTo(2);
        assertThat(after.split("\\.")[5]).isEqualTo("2");
        assertThat(tokens.verify(before)).isPresent();
        assertThat(tokens.verify(legacy)).isPresent();
        assertThat(tokens.verify(after)).isPresent();
        assertThat(stores.signingKeys().keys(TENANT, UserTokens.PURPOSE))
                .extracting(SigningKeyInfo::id, SigningKeyInfo::current, SigningKeyInfo::retiredAt)
                .containsExactly(tuple(1, false, null), tuple(2, true, null));
        // Another tenant's keys are its own.
        assertThat(stores.signingKeys().keys(OTHER_TENANT, UserTokens.PURPOSE)).isEmpty();

        assertThat(stores.signingKeys().retire(TENANT, UserTokens.PURPOSE, 2)).isInstanceOf(Retirement.Current.class);
        SigningKeyInfo first = stores.signingKeys().keys(TENANT, UserTokens.PURPOSE).getFirst();
        Retirement retired = stores.signingKeys().retire(TENANT, UserTokens.PURPOSE, 1);
        assertThat(retired).isInstanceOf(Retirement.Retired.class);
        SigningKeyInfo gone = ((Retirement.Retired) retired).key();
        assertThat(gone.id()).isEqualTo(1);
        assertThat(gone.createdAt()).isEqualTo(first.createdAt());
        assertThat(gone.retiredAt()).isNotNull();
        assertThat(gone.current()).isFalse();
        assertThat(stores.signingKeys().retire(TENANT, UserTokens.PURPOSE, 1)).isInstanceOf(Retirement.Unknown.class);
        assertThat(stores.signingKeys().retire(TENANT, UserTokens.PURPOSE, 7)).isInstanceOf(Retirement.Unknown.class);
        assertThat(stores.signingKeys().retire(OTHER_TENANT, UserTokens.PURPOSE, 1))
                .isInstanceOf(Retirement.Unknown.class);

        assertThat(tokens.verify(before)).isEmpty();
        assertThat(tokens.verify(legacy)).isEmpty();
        assertThat(tokens.verify(after)).isPresent();
        assertThat(stores.signingKeys().rotate(TENANT, UserTokens.PURPOSE).id()).isEqualTo(3);
    }

    @Test
    void rotatingAndRetiringMoveTheAccessVersion() {
        stores.secrets().current(TENANT, UserTokens.PURPOSE);
        long before = stores.apiKeys().accessVersion();

        stores.signingKeys().rotate(TENANT, UserTokens.PURPOSE);
        long rotated = stores.apiKeys().accessVersion();
        stores.signingKeys().retire(TENANT, UserTokens.PURPOSE, 1);

        assertThat(rotated).isGreaterThan(before);
        assertThat(stores.apiKeys().accessVersion()).isGreaterThan(rotated);
    }

    /** A token of the format before key ids ({@code hu2}), signed by {@code secret}. */
    private String legacyToken(byte[] secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = "hu2." + b64.encodeToString(TENANT.value().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("ann".getBytes(StandardCharsets.UTF_8)) + ".0."
                + clock.instant().plus(Duration.ofHours(1)).getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return payload + "." + b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
