package dev.herald.core.channel;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One provider a tenant brought itself (its SMTP relay, its Twilio account), as stored: the settings that are not
 * secret as JSON text, and the secret ones sealed ({@code secretsCiphertext}, under the key {@code keyId}). Core
 * reads neither; the server opens and builds them. {@code version} grows with every write, so a node holding a
 * chain built from an older version knows to rebuild it.
 *
 * @param order where the integration stands in the tenant's chain for each of its channels (lowest first)
 */
public record Integration(TenantId tenant, String name, String kind, List<Channel> channels, int order,
                          String settingsJson, String secretsCiphertext, String keyId, long version,
                          Instant updatedAt) {
    public Integration {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        channels = List.copyOf(channels);
    }

    /** The same integration with its secrets sealed again under another key (rotation); settings and version stay. */
    public Integration resealed(String ciphertext, String newKeyId, Instant at) {
        return new Integration(tenant, name, kind, channels, order, settingsJson, ciphertext, newKeyId, version,
                at);
    }
}
