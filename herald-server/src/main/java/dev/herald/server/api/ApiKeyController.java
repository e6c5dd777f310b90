package dev.herald.server.api;

import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.IssuedKey;
import dev.herald.core.tenancy.KeyOrigin;
import dev.herald.core.tenancy.ListedKey;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.server.security.AccessChanges;
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
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's API keys, managed by its admins (the operator acts for a tenant with {@code Herald-Tenant}). A key is
 * shown once, when it is made; the list shows its prefix to recognise it, never the key or its hash. Rotation:
 * make the new key, move the callers over, revoke the old one.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {
    /** More keys than anyone can keep track of; the list answers them all up to here. */
    static final int MAX_LISTED = 1000;

    private final ApiKeyStore store;
    private final ApiKeys apiKeys;
    private final Clock clock;
    private final AuditedChange audited;

    private final AccessChanges accessChanges;

    ApiKeyController(ApiKeyStore store, ApiKeys apiKeys, Clock clock, AuditedChange audited,
                     AccessChanges accessChanges) {
        this.audited = audited;
        this.accessChanges = accessChanges;
        this.store = store;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    record NewKeyJson(String name, List<String> scopes, String expiresAt) {
    }

    /** The key itself is in this answer only, once. */
    record IssuedKeyJson(UUID id, String key, String prefix, String name, List<String> scopes, Instant expiresAt) {
        static IssuedKeyJson of(IssuedKey issued) {
            ApiKey key = issued.key();
            return new IssuedKeyJson(key.id(), issued.secret(), key.prefix(), key.name(), names(key.scopes()),
                    key.expiresAt());
        }
    }

    record KeyJson(UUID id, String name, String prefix, List<String> scopes, String origin, Instant createdAt,
                   Instant lastUsedAt, Instant expiresAt) {
    }

    record KeyListJson(List<KeyJson> items) {
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.CREATED)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedKeyJson> create(Caller caller, @RequestBody NewKeyJson body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        if (v.required("name", body.name()) && v.maxLength("name", body.name(), 200)) {
            v.noNul("name", body.name());
        }
        Set<Scope> scopes = scopes(v, caller, body.scopes());
        Instant expiresAt = expiresAt(v, caller, body.expiresAt());
        v.throwIfAny();
        // The entry names the key by its id and says what it may do; the key itself is never recorded.
        IssuedKey issued = audited.run(caller, () -> apiKeys.issue(caller.tenant(), body.name(), scopes, expiresAt),
                made -> Audited.of(AuditAction.API_KEY_CREATED, "api-key:" + made.key().id(),
                        AuditSummary.of("scopes", names(scopes)).and("expiresAt", expiresAt)));
        return ResponseEntity.status(HttpStatus.CREATED).body(IssuedKeyJson.of(issued));
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping
    KeyListJson list(Caller caller) {
        ForbiddenException.require(caller, Scope.ADMIN);
        return new KeyListJson(store.list(caller.tenant(), MAX_LISTED).stream().map(ApiKeyController::json).toList());
    }

    /** Revoked, not deleted: the row keeps who the key was for (and what an audit trail names by its id). */
    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.ADMIN);
        UUID keyId = parse(id);
        ApiKey key = store.find(caller.tenant(), keyId)
                .orElseThrow(() -> new NotFoundException("no API key " + id + " in this tenant"));
        if (key.origin() == KeyOrigin.CONFIGURED) {
            throw new ConflictException("id", "configured", "this is the key set as herald.admin-key; change that "
                    + "setting to rotate it (the previous value is revoked at start-up)");
        }
        if (!audited.run(caller, () -> store.revoke(caller.tenant(), keyId, clock.instant()),
                revoked -> revoked ? Audited.of(AuditAction.API_KEY_REVOKED, "api-key:" + keyId,
                        AuditSummary.of("prefix", key.prefix())) : Audited.NOTHING)) {
            throw new NotFoundException("no API key " + id + " in this tenant");
        }
        accessChanges.announce();
        return ResponseEntity.noContent().build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no API key with this id in this tenant");
        }
    }

    /** A key cannot be given a scope its creator lacks. */
    private static Set<Scope> scopes(Violations v, Caller caller, List<String> given) {
        if (given == null || given.isEmpty()) {
            v.add("scopes", "required", "must name at least one of send, read, admin");
            return Set.of();
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            Scope scope = null;
            for (Scope s : Scope.values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                    scope = s;
                }
            }
            if (scope == null) {
                v.add("scopes[" + i + "]", "one-of", "must be one of send, read, admin");
            } else if (!caller.may(scope)) {
                v.add("scopes[" + i + "]", "exceeds-own", "cannot be more than this key has");
            } else {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    /** Optional; never later than the creating key's own expiry, which it inherits when none is given. */
    private Instant expiresAt(Violations v, Caller caller, String given) {
        if (given == null) {
            return caller.expiresAt();
        }
        Instant at;
        try {
            // As precisely as the database keeps it, so the answer and the list show the same instant.
            at = Instant.parse(given).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            v.add("expiresAt", "format", "must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
            return null;
        }
        if (!at.isAfter(clock.instant())) {
            v.add("expiresAt", "future", "must be in the future");
        } else if (caller.expiresAt() != null && at.isAfter(caller.expiresAt())) {
            v.add("expiresAt", "exceeds-own", "cannot be later than this key's own expiry " + caller.expiresAt());
        }
        return at;
    }

    static List<String> names(Set<Scope> scopes) {
        return scopes.stream().sorted().map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static KeyJson json(ListedKey listed) {
        ApiKey key = listed.key();
        return new KeyJson(key.id(), key.name(), key.prefix(), names(key.scopes()),
                key.origin().name().toLowerCase(Locale.ROOT), key.createdAt(), listed.lastUsedAt(), key.expiresAt());
    }
}
