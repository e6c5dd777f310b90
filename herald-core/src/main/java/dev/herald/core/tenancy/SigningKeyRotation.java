package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.util.List;

/**
 * Port: replacing a tenant's signing key, for when a secret may have leaked. Rotating makes a new key that signs
 * from then on while older ones still verify (links already in inboxes keep working); retiring a key makes
 * everything it signed fail. Both move the access version, so every node drops the keys it remembered.
 */
public interface SigningKeyRotation {
    /** The tenant's keys for the purpose, oldest first; empty when none was ever made. */
    List<SigningKeyInfo> keys(TenantId tenant, String purpose);

    /** Makes a new key, which signs from now on. */
    SigningKeyInfo rotate(TenantId tenant, String purpose);

    /** Retires key {@code keyId}: nothing signed with it verifies any more. The current key cannot be retired. */
    Retirement retire(TenantId tenant, String purpose, int keyId);

    /** What retiring a key came to. */
    sealed interface Retirement {
        record Retired(SigningKeyInfo key) implements Retirement {
        }

        /** No such key, or it was retired already. */
        record Unknown() implements Retirement {
        }

        /** The key signs now: rotate first. */
        record Current() implements Retirement {
        }
    }
}
