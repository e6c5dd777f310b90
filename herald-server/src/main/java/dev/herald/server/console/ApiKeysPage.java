package dev.herald.server.console;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.KeyOrigin;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.security.AccessChanges;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's API keys (prefix, scopes, origin, last use, expiry; never a secret) and revoking one, with the same
 * rules, audit entry and access-change announcement as {@code DELETE /api/v1/api-keys/{id}}. Admin keys only.
 */
@Controller
class ApiKeysPage {
    private static final int MAX_LISTED = 500;
    private final ApiKeyStore store;
    private final AuditedChange audited;
    private final AccessChanges accessChanges;
    private final Clock clock;

    ApiKeysPage(ApiKeyStore store, AuditedChange audited, AccessChanges accessChanges, Clock clock) {
        this.store = store;
        this.audited = audited;
        this.accessChanges = accessChanges;
        this.clock = clock;
    }

    @GetMapping("/console/api-keys")
    String list(Caller caller, Model model, HttpServletResponse response) {
        if (!caller.may(Scope.ADMIN)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("needsAdmin", true);
            return "console/api-keys";
        }
        model.addAttribute("keys", store.list(caller.tenant(), MAX_LISTED));
        model.addAttribute("ownKey", caller.keyId());
        return "console/api-keys";
    }

    @PostMapping("/console/api-keys/{id}/revoke")
    String revoke(Caller caller, @PathVariable String id, RedirectAttributes flash) {
        Optional<UUID> keyId = DeadLettersPage.uuid(id);
        Optional<ApiKey> key = keyId.flatMap(k -> store.find(caller.tenant(), k));
        if (!caller.may(Scope.ADMIN) || key.isEmpty()) {
            flash.addFlashAttribute("done", "keys.gone");
            return "redirect:/console/api-keys";
        }
        if (key.get().origin() == KeyOrigin.CONFIGURED) {
            flash.addFlashAttribute("done", "keys.configured");
            return "redirect:/console/api-keys";
        }
        boolean revoked = audited.run(caller, () -> store.revoke(caller.tenant(), keyId.get(), clock.instant()),
                r -> r ? Audited.of(AuditAction.API_KEY_REVOKED, "api-key:" + keyId.get(),
                        AuditSummary.of("prefix", key.get().prefix())) : Audited.NOTHING);
        if (revoked) {
            accessChanges.announce();
        }
        flash.addFlashAttribute("done", revoked ? "keys.revoked" : "keys.gone");
        return "redirect:/console/api-keys";
    }
}
