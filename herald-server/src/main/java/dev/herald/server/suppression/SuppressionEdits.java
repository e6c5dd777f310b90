package dev.herald.server.suppression;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.audit.UserPseudonyms;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.request.Violations;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.Suppression;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.suppression.SuppressionReason;
import dev.herald.core.suppression.SuppressionSource;
import dev.herald.core.tenancy.Caller;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Adding and removing suppression entries by hand, for the API ({@code /api/v1/suppressions}) and the console alike:
 * the same checks on what was typed, and the same audit entries, which name the address by a keyed hash only.
 */
public final class SuppressionEdits {
    public static final List<String> REASONS = Arrays.stream(SuppressionReason.values()).map(Enum::name).toList();

    private final SuppressionList list;
    private final AddressRules rules;
    private final UserPseudonyms pseudonyms;
    private final AuditedChange audited;
    private final Clock clock;

    public SuppressionEdits(SuppressionList list, AddressRules rules, UserPseudonyms pseudonyms,
                            AuditedChange audited, Clock clock) {
        this.list = list;
        this.rules = rules;
        this.pseudonyms = pseudonyms;
        this.audited = audited;
        this.clock = clock;
    }

    /** The reason named, or null after recording on {@code reason} that it is none of {@link #REASONS}. */
    public static SuppressionReason reason(Violations v, String value) {
        if (REASONS.contains(value)) {
            return SuppressionReason.valueOf(value);
        }
        v.add("reason", "one-of", "must be one of " + REASONS);
        return null;
    }

    /** The address with its kind, checked by the same rules as a recipient's; null after recording why not. */
    public SuppressedAddress address(Violations v, String value) {
        if (!v.noNul("address", value) || !v.maxLength("address", value, SuppressedAddress.MAX_LENGTH)) {
            return null;
        }
        SuppressedAddress parsed = SuppressedAddress.guess(value).orElse(null);
        if (parsed == null) {
            v.add("address", "format", "must be an email address, an E.164 phone number or a push address "
                    + "(fcm:<token> or apns:<token>)");
            return null;
        }
        Violations own = new Violations();
        check(own, parsed);
        if (!own.isEmpty()) {
            check(v, parsed);
            return null;
        }
        return parsed;
    }

    /** What adding did: whether the entry is new, and the entry written (the stored one may be older). */
    public record Added(boolean created, Suppression entry) {
    }

    /** Adds the entry (source {@code api}: by hand) unless the address is listed already. */
    public Added add(Caller caller, SuppressedAddress address, SuppressionReason reason) {
        Suppression entry = new Suppression(address, reason, SuppressionSource.API, clock.instant(), null);
        String target = pseudonyms.ofAddress(caller.tenant(), address.address());
        boolean created = audited.run(caller, () -> list.add(caller.tenant(), entry),
                added -> added ? Audited.of(AuditAction.SUPPRESSION_ADDED, target,
                        AuditSummary.of("kind", address.kind().name()).and("reason", reason.name()))
                        : Audited.NOTHING);
        return new Added(created, entry);
    }

    /** Removes the address's entry; false when it had none. */
    public boolean remove(Caller caller, SuppressedAddress address) {
        String target = pseudonyms.ofAddress(caller.tenant(), address.address());
        return audited.run(caller, () -> list.remove(caller.tenant(), address),
                removed -> removed ? Audited.of(AuditAction.SUPPRESSION_REMOVED, target,
                        AuditSummary.of("kind", address.kind().name())) : Audited.NOTHING);
    }

    private void check(Violations v, SuppressedAddress address) {
        switch (address.kind()) {
            case EMAIL -> rules.email(v, "address", address.address());
            case PHONE -> rules.phone(v, "address", address.address());
            default -> rules.pushToken(v, "address", address.address());
        }
    }
}
