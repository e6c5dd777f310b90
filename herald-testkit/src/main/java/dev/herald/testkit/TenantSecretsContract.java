package dev.herald.testkit;

import dev.herald.core.tenancy.UserToken;
import dev.herald.core.tenancy.UserTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import dev.herald.core.model.TenantId;

/** Secrets are made once per tenant and purpose; user tokens signed with them check out only as issued. */
public abstract class TenantSecretsContract extends StoreContract {

    @Test
    void aSecretIsCreatedOnceAndDiffersPerTenant() {
        assertThat(stores.secrets().find(TENANT, "user-token")).isEmpty();

        byte[] first = stores.secrets().secret(TENANT, "user-token");
        byte[] again = stores.secrets().secret(TENANT, "user-token");

        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(stores.secrets().find(TENANT, "user-token")).contains(first);
        assertThat(stores.secrets().secret(OTHER_TENANT, "user-token")).isNotEqualTo(first);
    }

    @Test
    void userTokensVerifyOnlyUnchangedAndUnexpired() {
        UserTokens tokens = new UserTokens(stores.secrets(), stores.tokenGenerations(), clock);
        String token = tokens.issue(TENANT, "ann", Duration.ofHours(1));

        assertThat(tokens.verify(token)).contains(new UserToken(TENANT, "ann",
                clock.instant().plus(Duration.ofHours(1))));

        String otherUser = token.replaceFirst("\\.YW5u\\.", ".Ym9i.");
        assertThat(otherUser).isNotEqualTo(token);
        assertThat(tokens.verify(otherUser)).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "xx")).isEmpty();
        assertThat(tokens.verify("hu1.bm9wZQ.YW5u.99999999999.AAAA")).isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
        assertThat(stores.secrets().find(new TenantId("nope"), "user-token")).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(tokens.verify(token)).isEmpty();
    }
}
