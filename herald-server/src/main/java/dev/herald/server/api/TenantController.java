package dev.herald.server.api;

import dev.herald.core.model.TenantId;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.IssuedKey;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.tenancy.Tenant;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.server.security.ForbiddenException;
import dev.herald.server.tenants.TenantOnboarding;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.security.AccessChanges;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenants, managed by the operator (an admin key of the default tenant). A tenant's own admins may read their
 * tenant; another tenant does not exist for them (404).
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {
    private static final int MAX_LIMIT = 500;

    private final TenantStore tenants;
    private final TenantOnboarding onboarding;
    private final AuditedChange audited;

    private final AccessChanges accessChanges;

    TenantController(TenantStore tenants, TenantOnboarding onboarding, AuditedChange audited,
                     AccessChanges accessChanges) {
        this.accessChanges = accessChanges;
        this.tenants = tenants;
        this.onboarding = onboarding;
        this.audited = audited;
    }

    record NewTenantJson(String id, String name) {
    }

    record TenantChangeJson(String name, Boolean suspended) {
    }

    record TenantJson(String id, String name, boolean suspended, Instant createdAt) {
        static TenantJson of(Tenant tenant) {
            return new TenantJson(tenant.id().value(), tenant.name(), tenant.suspended(), tenant.createdAt());
        }
    }

    /** The first admin key is in this answer only, once. */
    record FirstKeyJson(UUID id, String key, String prefix) {
    }

    record CreatedTenantJson(String id, String name, boolean suspended, Instant createdAt, FirstKeyJson adminKey) {
    }

    record TenantPageJson(List<TenantJson> items, String nextCursor) {
    }

    @RequiresScope(value = Scope.ADMIN, operator = true)
    @SuccessStatus(HttpStatus.CREATED)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedTenantJson> create(Caller caller, @RequestBody NewTenantJson body) {
        ForbiddenException.requireOperator(caller);
        Violations v = new Violations();
        if (v.required("id", body.id()) && !TenantId.isWellFormedNewId(body.id())) {
            v.add("id", "format", "must be " + TenantId.NEW_ID_RULE);
        }
        name(v, body.name(), true);
        v.throwIfAny();
        // The tenant, its first key, its seeds and the audit entry commit together (the seeds are savepoints).
        TenantOnboarding.Onboarded made = audited.run(caller, () -> onboarding.create(new TenantId(body.id()),
                        body.name()),
                        created -> created.map(m -> Audited.of(AuditAction.TENANT_CREATED, target(m.tenant().id()),
                                AuditSummary.of("firstAdminKey", m.firstAdminKey().key().id())))
                                .orElse(Audited.NOTHING))
                .orElseThrow(() -> new ConflictException("id", "taken", "a tenant with this id exists"));
        Tenant tenant = made.tenant();
        IssuedKey key = made.firstAdminKey();
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedTenantJson(tenant.id().value(),
                tenant.name(), tenant.suspended(), tenant.createdAt(),
                new FirstKeyJson(key.key().id(), key.secret(), key.key().prefix())));
    }

    @RequiresScope(value = Scope.ADMIN, operator = true)
    @GetMapping
    TenantPageJson list(Caller caller, @RequestParam(required = false) String cursor,
                        @RequestParam(defaultValue = "100") String limit) {
        ForbiddenException.requireOperator(caller);
        Violations v = new Violations();
        int parsedLimit = QueryParams.limit(v, limit, MAX_LIMIT);
        String after = PageCursor.decodeText(v, cursor);
        v.throwIfAny();
        List<Tenant> page = tenants.list(after, parsedLimit + 1);
        List<TenantJson> items = page.stream().limit(parsedLimit).map(TenantJson::of).toList();
        return new TenantPageJson(items, page.size() > parsedLimit
                ? PageCursor.encodeText(items.getLast().id()) : null);
    }

    /** The operator reads any tenant; a tenant's admin reads its own. */
    @RequiresScope(Scope.ADMIN)
    @GetMapping("/{id}")
    TenantJson get(Caller caller, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.ADMIN);
        TenantId tenant = known(id);
        if (!caller.operator() && !caller.tenant().equals(tenant)) {
            throw notFound();
        }
        return TenantJson.of(tenants.find(tenant).orElseThrow(TenantController::notFound));
    }

    /** Rename, suspend (its keys get 403, its deliveries wait) or resume. */
    @RequiresScope(value = Scope.ADMIN, operator = true)
    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TenantJson update(Caller caller, @PathVariable String id, @RequestBody TenantChangeJson body) {
        ForbiddenException.requireOperator(caller);
        TenantId tenant = known(id);
        Violations v = new Violations();
        if (body.name() == null && body.suspended() == null) {
            v.add("body", "required", "must change name or suspended");
        }
        name(v, body.name(), false);
        v.throwIfAny();
        if (tenant.isDefault() && Boolean.TRUE.equals(body.suspended())) {
            throw new ConflictException("suspended", "operator-tenant",
                    "the default tenant is the operator's and cannot be suspended");
        }
        AuditSummary summary = AuditSummary.of("renamed", body.name() != null).and("suspended", body.suspended());
        Optional<Tenant> updated = audited.run(caller, () -> tenants.update(tenant, Optional.ofNullable(body.name()),
                        Optional.ofNullable(body.suspended())),
                changed -> changed.isPresent()
                        ? Audited.of(AuditAction.TENANT_UPDATED, target(tenant), summary) : Audited.NOTHING);
        if (updated.isPresent() && body.suspended() != null) {
            accessChanges.announce();
        }
        return updated.map(TenantJson::of).orElseThrow(TenantController::notFound);
    }

    /** Only an empty tenant (no users, no notifications); its keys, secrets, types and templates go with it. */
    @RequiresScope(value = Scope.ADMIN, operator = true)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        ForbiddenException.requireOperator(caller);
        TenantId tenant = known(id);
        if (tenant.isDefault()) {
            throw new ConflictException("id", "operator-tenant", "the default tenant is the operator's and stays");
        }
        return switch (audited.run(caller, () -> tenants.remove(tenant), removed ->
                removed == TenantStore.Removal.REMOVED ? Audited.of(AuditAction.TENANT_DELETED, target(tenant))
                        : Audited.NOTHING)) {
            case REMOVED -> {
                accessChanges.announce();
                yield ResponseEntity.noContent().build();
            }
            case NOT_FOUND -> throw notFound();
            case NOT_EMPTY -> throw new ConflictException("id", "not-empty",
                    "the tenant still has users or notifications");
        };
    }

    private static String target(TenantId tenant) {
        return "tenant:" + tenant.value();
    }

    private static void name(Violations v, String name, boolean required) {
        if (required ? v.required("name", name) : name != null) {
            if (name.isBlank()) {
                v.add("name", "required", "must not be blank");
            } else if (v.maxLength("name", name, 200)) {
                v.noNul("name", name);
            }
        }
    }

    /** A path that cannot be a tenant id is a tenant that does not exist. */
    private static TenantId known(String id) {
        if (!TenantId.isWellFormedNewId(id) && !TenantId.DEFAULT_VALUE.equals(id)) {
            throw notFound();
        }
        return new TenantId(id);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("no such tenant");
    }
}
