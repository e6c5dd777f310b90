package dev.herald.core.audit;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.TenantSecrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The audit target for a user: {@code user:} and a keyed hash of the user id, never the id itself. User ids are
 * treated as personal data (LogHygieneTest keeps them out of logs), audit entries outlive a deleted user by the
 * retention, and a plain hash of a guessable id (often an email) could be reversed. Keyed by a secret of the tenant,
 * the same user always gets the same target, so an admin who knows the id can still find the entries
 * ({@link #of}).
 */
public final class UserPseudonyms {
    static final String PURPOSE = "audit-user";

    private final TenantSecrets secrets;

    public UserPseudonyms(TenantSecrets secrets) {
        this.secrets = secrets;
    }

    /** {@code user:} and 128 bits of HMAC-SHA256(tenant secret, user id), base64url. */
    public String of(TenantId tenant, String userId) {
        return "user:" + keyedHash(tenant, userId);
    }

    /**
     * {@code address:} and the same keyed hash of a normalised address (an email, a phone number, a push address):
     * how suppression-list entries are named in the audit log, for the same reasons as users.
     */
    public String ofAddress(TenantId tenant, String address) {
        return "address:" + keyedHash(tenant, "address|" + address);
    }

    private String keyedHash(TenantId tenant, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.secret(tenant, PURPOSE), "HmacSHA256"));
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
