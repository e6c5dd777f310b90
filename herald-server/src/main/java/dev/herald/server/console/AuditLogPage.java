package dev.herald.server.console;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditPage;
import dev.herald.core.audit.AuditQuery;
import dev.herald.core.audit.AuditTrail;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log, newest 100 by action and time; admin keys only. What is visible follows {@code GET /api/v1/audit}:
 * the tenant's own entries; the operator on the default tenant sees every tenant's.
 */
@Controller
class AuditLogPage {
    private static final int SHOWN = 100;
    private final AuditTrail trail;

    AuditLogPage(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/console/audit")
    String list(Caller caller, @RequestParam(required = false) String action,
                @RequestParam(required = false) String since, @RequestParam(required = false) String until,
                Model model, HttpServletResponse response) {
        ConsoleFilters f = ConsoleFilters.read(null, null, since, until, null);
        AuditAction parsed = action == null || action.isBlank() ? null : AuditAction.parse(action).orElse(null);
        model.addAttribute("f", f);
        model.addAttribute("action", parsed == null ? "" : parsed.dotted());
        model.addAttribute("actions", AuditAction.allNames());
        if (!caller.may(Scope.ADMIN)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("needsAdmin", true);
            return "console/audit";
        }
        boolean badAction = action != null && !action.isBlank() && parsed == null;
        if (!f.errors().isEmpty() || badAction) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("badAction", badAction);
            return "console/audit";
        }
        AuditQuery query = caller.operator() && caller.tenant().isDefault()
                ? AuditQuery.everyTenant(f.since(), f.until(), parsed)
                : AuditQuery.ofTenant(caller.tenant(), f.since(), f.until(), parsed);
        AuditPage page = trail.list(query, SHOWN, null);
        model.addAttribute("entries", page.items());
        return "console/audit";
    }
}
