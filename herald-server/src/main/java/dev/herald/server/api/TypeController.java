package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeRules;
import dev.herald.core.types.TypeStore;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.audit.ChangeSummaries;
import dev.herald.server.security.ForbiddenException;
import dev.herald.server.types.CachedTypeCatalog;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/**
 * Notification types: the routing rule each type follows when a request leaves channels or priority out. Changes
 * take effect for the next notification (the catalog on this node is told at once).
 */
@RestController
@RequestMapping("/api/v1/types")
class TypeController {
    private final TypeStore types;
    private final TypeRules rules;
    private final CachedTypeCatalog catalog;
    private final Clock clock;
    private final AuditedChange audited;

    TypeController(TypeStore types, TypeRules rules, CachedTypeCatalog catalog, Clock clock, AuditedChange audited) {
        this.audited = audited;
        this.types = types;
        this.rules = rules;
        this.catalog = catalog;
        this.clock = clock;
    }

    @RequiresScope(Scope.READ)
    @GetMapping
    List<NotificationType> list(Caller caller) {
        ForbiddenException.require(caller, Scope.READ);
        return types.list(caller.tenant());
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/{type}")
    NotificationType get(Caller caller, @PathVariable String type) {
        ForbiddenException.require(caller, Scope.READ);
        return types.find(caller.tenant(), type).orElseThrow(() -> new NotFoundException("no type '" + type + "'"));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus({HttpStatus.CREATED, HttpStatus.OK})
    @PutMapping(path = "/{type}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NotificationType> put(Caller caller, @PathVariable String type,
                                         @RequestBody TypeRules.TypeSpec body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        NotificationType rule = rules.validate(type, body, clock.instant());
        boolean created = audited.run(caller, () -> types.put(caller.tenant(), rule),
                isNew -> Audited.of(isNew ? AuditAction.TYPE_CREATED : AuditAction.TYPE_UPDATED, "type:" + type,
                        ChangeSummaries.type(rule)));
        catalog.changed(caller.tenant(), type);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(rule);
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{type}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String type) {
        ForbiddenException.require(caller, Scope.ADMIN);
        if (!audited.run(caller, () -> types.delete(caller.tenant(), type),
                deleted -> deleted ? Audited.of(AuditAction.TYPE_DELETED, "type:" + type) : Audited.NOTHING)) {
            throw new NotFoundException("no type '" + type + "'");
        }
        catalog.changed(caller.tenant(), type);
        return ResponseEntity.noContent().build();
    }
}
