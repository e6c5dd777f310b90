package dev.herald.core.suppression;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's settings for one provider's events, as set through the API: SES's SNS topic ARNs, or SendGrid's one
 * verification key. Checked before they are saved; nothing here is secret (public keys and topic names).
 *
 * @param values the topic ARNs (SES) or the one base64 DER public key (SendGrid), in the order given
 */
public record InboundSetting(TenantId tenant, InboundProvider provider, List<String> values, Instant updatedAt) {
    public InboundSetting {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(provider, "provider");
        values = List.copyOf(values);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
