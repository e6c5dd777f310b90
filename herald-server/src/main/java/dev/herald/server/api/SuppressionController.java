package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.audit.UserPseudonyms;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.request.Violations;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.Suppression;
import dev.herald.core.suppression.SuppressionFilter;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.suppression.SuppressionPage;
import dev.herald.core.suppression.SuppressionReason;
import dev.herald.core.suppression.SuppressionSource;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The tenant's suppression list: addresses Herald does not send to (hard bounces, complaints, invalid numbers from
 * provider feedback, and entries added here). Listing reads it, adding and removing are audited with the address
 * named by a keyed hash only.
 */
@RestController
@RequestMapping("/api/v1/suppressions")
class SuppressionController {
    private static final int MAX_LIMIT = 200;
    private static final List<String> REASONS = Arrays.stream(SuppressionReason.values()).map(Enum::name).toList();

    private final SuppressionList list;
    private final AddressRules rules;
    private final UserPseudonyms pseudonyms;
    private final AuditedChange audited;
    private final Clock clock;

    SuppressionController(SuppressionList list, AddressRules rules, UserPseudonyms pseudonyms,
                          AuditedChange audited, Clock clock) {
        this.list = list;
        this.rules = rules;
        this.pseudonyms = pseudonyms;
        this.audited = audited;
        this.clock = clock;
    }

    record SuppressionSpec(String address, String reason) {
    }

    record SuppressionJson(String address, String kind, SuppressionReason reason, String source, Instant createdAt,
                           UUID deliveryId) {
        static SuppressionJson of(Suppression s) {
            return new SuppressionJson(s.address().address(), s.address().kind().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'), s.reason(), s.source().value(), s.createdAt(), s.deliveryId());
        }
    }

    record PageJson(List<SuppressionJson> items, String nextCursor) {
        static PageJson of(SuppressionPage page) {
            return new PageJson(page.items().stream().map(SuppressionJson::of).toList(),
                    PageCursor.encode(page.nextCursor()));
        }
    }

    @RequiresScope(Scope.READ)
    @GetMapping
    PageJson list(Caller caller, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String address,
                  @RequestParam(defaultValue = "50") String limit,
                  @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.READ);
        Violations v = new Violations();
        SuppressionReason parsedReason = reason == null ? null : reason(v, reason);
        SuppressedAddress parsedAddress = address == null ? null : address(v, address);
        int parsedLimit = QueryParams.limit(v, limit, MAX_LIMIT);
        UUID after = PageCursor.decode(v, cursor);
        v.throwIfAny();
        return PageJson.of(list.list(caller.tenant(), new SuppressionFilter(parsedReason, parsedAddress),
                parsedLimit, after));
    }

    /** Adds an address by hand: {@code 201} with the entry, or {@code 200} with the entry that was already there. */
    @RequiresScope(Scope.ADMIN)
    @SuccessStatus({HttpStatus.CREATED, HttpStatus.OK})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SuppressionJson> add(Caller caller, @RequestBody SuppressionSpec body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        SuppressedAddress address = v.required("address", body.address()) ? address(v, body.address()) : null;
        SuppressionReason reason = body.reason() == null ? SuppressionReason.MANUAL : reason(v, body.reason());
        v.throwIfAny();
        Suppression entry = new Suppression(address, reason, SuppressionSource.API, clock.instant(), null);
        String target = pseudonyms.ofAddress(caller.tenant(), address.address());
        boolean added = audited.run(caller, () -> list.add(caller.tenant(), entry),
                created -> created ? Audited.of(AuditAction.SUPPRESSION_ADDED, target,
                        AuditSummary.of("kind", address.kind().name()).and("reason", reason.name()))
                        : Audited.NOTHING);
        // Read back: the answer shows the entry as stored (the first one, and its time as the database keeps it).
        Suppression stored = list.find(caller.tenant(), address).orElse(entry);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).body(SuppressionJson.of(stored));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{address}")
    ResponseEntity<Void> remove(Caller caller, @PathVariable String address) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        SuppressedAddress parsed = address(v, address);
        v.throwIfAny();
        String target = pseudonyms.ofAddress(caller.tenant(), parsed.address());
        if (!audited.run(caller, () -> list.remove(caller.tenant(), parsed),
                removed -> removed ? Audited.of(AuditAction.SUPPRESSION_REMOVED, target,
                        AuditSummary.of("kind", parsed.kind().name())) : Audited.NOTHING)) {
            throw new NotFoundException("that address is not on the suppression list");
        }
        return ResponseEntity.noContent().build();
    }

    private static SuppressionReason reason(Violations v, String value) {
        if (REASONS.contains(value)) {
            return SuppressionReason.valueOf(value);
        }
        v.add("reason", "one-of", "must be one of " + REASONS);
        return null;
    }

    /** The address with its kind, checked by the same rules as a recipient's. */
    private SuppressedAddress address(Violations v, String value) {
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

    private void check(Violations v, SuppressedAddress address) {
        switch (address.kind()) {
            case EMAIL -> rules.email(v, "address", address.address());
            case PHONE -> rules.phone(v, "address", address.address());
            default -> rules.pushToken(v, "address", address.address());
        }
    }
}
