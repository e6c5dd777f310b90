package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.KeyIds;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.tenancy.SigningKeyInfo;
import dev.herald.core.tenancy.SigningKeyRotation;
import dev.herald.core.tenancy.SigningKeyRotation.Retirement;
import dev.herald.core.tenancy.UserTokens;
import dev.herald.core.unsubscribe.UnsubscribeTokens;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.security.AccessChanges;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's signing keys for what it hands out signed: user tokens (the inbox in end users' browsers) and
 * unsubscribe links (in emails). When a secret may have leaked, an admin rotates: a new key signs from then on
 * while older ones still verify, so links already in inboxes keep working; retiring the old key then makes
 * everything it signed fail (unsubscribe links expire after {@code herald.unsubscribe.link-ttl}, user tokens after
 * the hour they are issued for). Secrets are never shown. Every node uses a change within one read of the access
 * version (half a second), at once with Redis.
 */
@RestController
@RequestMapping("/api/v1/signing-keys")
class SigningKeyController {
    /** Only purposes whose signatures carry a key id and expire; the audit pseudonyms' key must never change. */
    static final List<String> ROTATABLE = List.of(UnsubscribeTokens.PURPOSE, UserTokens.PURPOSE);

    private final SigningKeyRotation keys;
    private final AuditedChange audited;
    private final AccessChanges accessChanges;

    SigningKeyController(SigningKeyRotation keys, AuditedChange audited, AccessChanges accessChanges) {
        this.keys = keys;
        this.audited = audited;
        this.accessChanges = accessChanges;
    }

    record KeyView(int id, Instant createdAt, Instant retiredAt, boolean current) {
        static KeyView of(SigningKeyInfo info) {
            return new KeyView(info.id(), info.createdAt(), info.retiredAt(), info.current());
        }
    }

    record KeysView(String purpose, List<KeyView> keys) {
    }

    /** The purpose's keys, oldest first; none until the first token or link of the purpose was signed. */
    @RequiresScope(Scope.ADMIN)
    @GetMapping("/{purpose}")
    KeysView list(Caller caller, @PathVariable String purpose) {
        ForbiddenException.require(caller, Scope.ADMIN);
        String known = rotatable(purpose);
        return new KeysView(known, keys.keys(caller.tenant(), known).stream().map(KeyView::of).toList());
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.CREATED)
    @PostMapping("/{purpose}/rotate")
    ResponseEntity<KeyView> rotate(Caller caller, @PathVariable String purpose) {
        ForbiddenException.require(caller, Scope.ADMIN);
        String known = rotatable(purpose);
        SigningKeyInfo made = audited.run(caller, () -> keys.rotate(caller.tenant(), known),
                key -> Audited.of(AuditAction.SIGNING_KEY_ROTATED, target(known, key.id()),
                        AuditSummary.of("purpose", known)));
        accessChanges.announce();
        return ResponseEntity.status(HttpStatus.CREATED).body(KeyView.of(made));
    }

    /**
     * Retires a key that no longer signs ({@code 204}): {@code 409} for the current key (rotate first), {@code 404}
     * for a key that does not exist or was retired already. Retired keys stay listed, with {@code retiredAt}.
     */
    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{purpose}/{id}")
    ResponseEntity<Void> retire(Caller caller, @PathVariable String purpose, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.ADMIN);
        String known = rotatable(purpose);
        int keyId;
        try {
            keyId = KeyIds.parse(id);
        } catch (IllegalArgumentException notANumber) {
            throw new NotFoundException("no " + known + " key with this id in this tenant: ids are numbers from 1");
        }
        Retirement retirement = audited.run(caller, () -> keys.retire(caller.tenant(), known, keyId),
                done -> done instanceof Retirement.Retired
                        ? Audited.of(AuditAction.SIGNING_KEY_RETIRED, target(known, keyId),
                        AuditSummary.of("purpose", known))
                        : Audited.NOTHING);
        return switch (retirement) {
            case Retirement.Retired retired -> {
                accessChanges.announce();
                yield ResponseEntity.noContent().build();
            }
            case Retirement.Current current -> throw new ConflictException("id", "current",
                    "key " + keyId + " signs now: rotate first, then retire it");
            case Retirement.Unknown unknown ->
                    throw new NotFoundException("no live " + known + " key " + keyId + " in this tenant");
        };
    }

    private static String rotatable(String purpose) {
        if (!ROTATABLE.contains(purpose)) {
            throw new NotFoundException("no signing keys of this purpose: rotatable are "
                    + String.join(", ", ROTATABLE));
        }
        return purpose;
    }

    private static String target(String purpose, int keyId) {
        return "signing-key:" + purpose + ":" + keyId;
    }
}
