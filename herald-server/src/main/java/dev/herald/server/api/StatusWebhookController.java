package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.request.Violations;
import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.statusout.StatusWebhook;
import dev.herald.core.statusout.StatusWebhookSecrets;
import dev.herald.core.statusout.StatusWebhookStore;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.types.TypeName;
import dev.herald.core.clock.IdGenerator;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.config.PublicHosts;
import dev.herald.server.config.StatusEventsProperties;
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

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A tenant's status webhooks: endpoints that receive its deliveries' status events, signed per Standard Webhooks
 * with a secret shown once, at creation. An endpoint that answers 410 is disabled and shown so here.
 */
@RestController
@RequestMapping("/api/v1/status-webhooks")
class StatusWebhookController {
    private static final int MAX_URL = 2048;
    private static final int MAX_TYPES = 50;

    private final StatusWebhookStore store;
    private final StatusWebhookSecrets secrets;
    private final PublicHosts hosts;
    private final StatusEventsProperties properties;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditedChange audited;

    StatusWebhookController(StatusWebhookStore store, StatusWebhookSecrets secrets, StatusEventsProperties properties,
                            IdGenerator ids, Clock clock, AuditedChange audited) {
        this.store = store;
        this.secrets = secrets;
        this.hosts = new PublicHosts(properties.webhooks().allowInternalAddresses());
        this.properties = properties;
        this.ids = ids;
        this.clock = clock;
        this.audited = audited;
    }

    record StatusWebhookSpec(String url, List<String> statuses, List<String> types) {
    }

    /** An endpoint as listed: never its secret. */
    record StatusWebhookView(UUID id, String url, Set<DeliveryStatus> statuses, Set<String> types, Instant createdAt,
                             boolean disabled, Instant disabledAt, String disabledReason) {
        static StatusWebhookView of(StatusWebhook e) {
            return new StatusWebhookView(e.id(), e.url(), new TreeSet<>(e.statuses()), new TreeSet<>(e.types()),
                    e.createdAt(), e.disabledAt() != null, e.disabledAt(), e.disabledReason());
        }
    }

    /** The answer to a creation: the endpoint and, this once, its signing secret. */
    record CreatedJson(UUID id, String url, Set<DeliveryStatus> statuses, Set<String> types, Instant createdAt,
                       boolean disabled, String secret) {
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping
    List<StatusWebhookView> list(Caller caller) {
        ForbiddenException.require(caller, Scope.ADMIN);
        return store.list(caller.tenant()).stream().map(StatusWebhookView::of).toList();
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping("/{id}")
    StatusWebhookView get(Caller caller, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.ADMIN);
        UUID parsed = id(id);
        return store.find(caller.tenant(), parsed).map(StatusWebhookView::of)
                .orElseThrow(() -> new NotFoundException("no status webhook " + parsed));
    }

    @RequiresScope(Scope.ADMIN)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @SuccessStatus(HttpStatus.CREATED)
    ResponseEntity<CreatedJson> create(Caller caller, @RequestBody StatusWebhookSpec body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        if (v.required("url", body.url()) && v.maxLength("url", body.url(), MAX_URL) && v.noNul("url", body.url())) {
            hosts.checkField(v, "url", true, body.url());
        }
        Set<DeliveryStatus> statuses = statuses(v, body.statuses());
        Set<String> types = types(v, body.types());
        v.throwIfAny();
        if (store.list(caller.tenant()).size() >= properties.webhooks().maxPerTenant()) {
            v.add("url", "max-items", "a tenant may have at most " + properties.webhooks().maxPerTenant()
                    + " status webhooks");
            v.throwIfAny();
        }
        StatusWebhook endpoint = new StatusWebhook(ids.next(), caller.tenant(), body.url().strip(), statuses, types,
                secrets.next(), clock.instant(), null, null);
        // The URL may carry the receiver's token: the entry names its host only.
        audited.run(caller, () -> {
            store.create(endpoint);
            return endpoint;
        }, created -> Audited.of(AuditAction.STATUS_WEBHOOK_CREATED, "status-webhook:" + created.id(),
                AuditSummary.of("host", host(created.url())).and("statuses", new TreeSet<>(created.statuses()))
                        .and("types", new TreeSet<>(created.types()))));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedJson(endpoint.id(), endpoint.url(),
                new TreeSet<>(statuses), new TreeSet<>(types), endpoint.createdAt(), false, endpoint.secret()));
    }

    @RequiresScope(Scope.ADMIN)
    @DeleteMapping("/{id}")
    @SuccessStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        ForbiddenException.require(caller, Scope.ADMIN);
        UUID parsed = id(id);
        if (!audited.run(caller, () -> store.delete(caller.tenant(), parsed),
                gone -> gone ? Audited.of(AuditAction.STATUS_WEBHOOK_DELETED, "status-webhook:" + parsed)
                        : Audited.NOTHING)) {
            throw new NotFoundException("no status webhook " + parsed);
        }
        return ResponseEntity.noContent().build();
    }

    private static Set<DeliveryStatus> statuses(Violations v, List<String> given) {
        Set<DeliveryStatus> statuses = EnumSet.noneOf(DeliveryStatus.class);
        if (given == null) {
            return statuses;
        }
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            DeliveryStatus status = null;
            for (DeliveryStatus s : StatusEvent.PUBLISHED) {
                if (s.name().equals(name)) {
                    status = s;
                }
            }
            if (status == null) {
                v.add("statuses[" + i + "]", "one-of", "must be one of "
                        + new TreeSet<>(StatusEvent.PUBLISHED.stream().map(Enum::name).toList()));
            } else {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static Set<String> types(Violations v, List<String> given) {
        Set<String> types = new LinkedHashSet<>();
        if (given == null) {
            return types;
        }
        if (given.size() > MAX_TYPES) {
            v.add("types", "max-items", "must list at most " + MAX_TYPES + " types");
            return types;
        }
        for (int i = 0; i < given.size(); i++) {
            String type = given.get(i);
            if (type == null || !TypeName.isValid(type)) {
                v.add("types[" + i + "]", "format", "must be a notification type like order.shipped");
            } else {
                types.add(type);
            }
        }
        if (String.join(",", types).length() > 2000) {
            v.add("types", "max-length", "must be at most 2000 characters together");
        }
        return types;
    }

    private static UUID id(String value) {
        return QueryParams.requiredId("id", value, "a status webhook id");
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
