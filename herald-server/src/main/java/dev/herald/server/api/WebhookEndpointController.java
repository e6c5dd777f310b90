package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.channel.DisabledEndpoints;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.audit.ChangeSummaries;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * Webhook endpoints Herald stopped calling after they answered 410 Gone. Once the receiver is fixed, an operator
 * turns the endpoint back on here; deliveries that failed meanwhile stay failed (replay them from the dead letters).
 */
@RestController
@RequestMapping("/api/v1/admin/webhook-endpoints")
class WebhookEndpointController {
    private final DisabledEndpoints disabled;
    private final AuditedChange audited;

    WebhookEndpointController(DisabledEndpoints disabled, AuditedChange audited) {
        this.disabled = disabled;
        this.audited = audited;
    }

    record UrlJson(String url) {
    }

    record EnabledJson(String url, boolean wasDisabled) {
    }

    /**
     * Disabled endpoints are not kept per tenant (configured endpoints are the operator's), so only the operator's
     * tenant may see or re-enable them: another tenant's URLs can carry that tenant's tokens.
     */
    private static void requireOperator(Caller caller) {
        ForbiddenException.requireOperator(caller);
    }

    @RequiresScope(value = Scope.ADMIN, operator = true)
    @GetMapping("/disabled")
    List<DisabledEndpoints.Listed> listDisabled(Caller caller) {
        requireOperator(caller);
        return disabled.list(500);
    }

    @RequiresScope(value = Scope.ADMIN, operator = true)
    @SuccessStatus(HttpStatus.OK)
    @PostMapping(path = "/enable", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnabledJson> enable(Caller caller, @RequestBody UrlJson body) {
        requireOperator(caller);
        Violations v = new Violations();
        if (v.required("url", body.url())) {
            v.maxLength("url", body.url(), 2048);
        }
        v.throwIfAny();
        // The URL may carry the receiver's token: the entry names it by hash and host only.
        boolean wasDisabled = audited.run(caller, () -> disabled.enable(body.url()),
                enabled -> enabled ? Audited.of(AuditAction.WEBHOOK_ENDPOINT_ENABLED,
                        ChangeSummaries.webhookEndpoint(body.url()), AuditSummary.of("host", host(body.url())))
                        : Audited.NOTHING);
        return ResponseEntity.ok(new EnabledJson(body.url(), wasDisabled));
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
