package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditPage;
import dev.herald.core.audit.AuditQuery;
import dev.herald.core.audit.AuditTrail;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit log: every change made through the API (who, what, on what, when), newest first. A tenant's admin sees
 * its own tenant's entries.
 */
@RestController
class AuditController {
    private static final int MAX_LIMIT = 200;
    // Bounds the database can store; an instant outside them would fail the query rather than match nothing.

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    record EntryJson(UUID id, Instant at, String tenant, UUID keyId, String action, String target, String summary) {
        static EntryJson of(AuditEntry e) {
            return new EntryJson(e.id(), e.at(), e.tenant().value(), e.keyId(), e.action().dotted(), e.target(),
                    e.summary());
        }
    }

    record PageJson(List<EntryJson> items, String nextCursor) {
        static PageJson of(AuditPage page) {
            return new PageJson(page.items().stream().map(EntryJson::of).toList(),
                    PageCursor.encode(page.nextCursor()));
        }
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping("/api/v1/audit")
    PageJson list(Caller caller, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(required = false) String action,
                  @RequestParam(defaultValue = "50") String limit, @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        Instant parsedFrom = QueryParams.instant(v, "from", from);
        Instant parsedTo = QueryParams.instant(v, "to", to);
        if (parsedFrom != null && parsedTo != null && !parsedFrom.isBefore(parsedTo)) {
            v.add("to", "after-from", "must be later than from");
        }
        AuditAction parsedAction = null;
        if (action != null) {
            parsedAction = AuditAction.parse(action).orElse(null);
            if (parsedAction == null) {
                v.add("action", "one-of", "must be one of " + AuditAction.allNames());
            }
        }
        int parsedLimit = QueryParams.limit(v, limit, MAX_LIMIT);
        UUID after = PageCursor.decode(v, cursor);
        v.throwIfAny();
        return PageJson.of(trail.list(visibleTo(caller, parsedFrom, parsedTo, parsedAction), parsedLimit, after));
    }

    /**
     * What the caller may see: its own tenant; the operator, every tenant (the entry's {@code tenant} says whose),
     * unless it acts for one tenant with {@code Herald-Tenant}, which narrows the log to that tenant.
     */
    private static AuditQuery visibleTo(Caller caller, Instant from, Instant to, AuditAction action) {
        return caller.operator() && caller.tenant().isDefault() ? AuditQuery.everyTenant(from, to, action)
                : AuditQuery.ofTenant(caller.tenant(), from, to, action);
    }
}
