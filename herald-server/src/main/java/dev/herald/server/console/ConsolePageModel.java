package dev.herald.server.console;

import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.tenancy.Tenant;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.server.security.ApiKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/** What every console page shows around its content: who is signed in, the tenant viewed, the CSRF token. */
@ControllerAdvice(basePackageClasses = ConsolePageModel.class)
class ConsolePageModel {
    private static final int MAX_TENANTS_LISTED = 200;
    private final TenantStore tenants;

    ConsolePageModel(TenantStore tenants) {
        this.tenants = tenants;
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        Caller caller = (Caller) request.getAttribute(ApiKeyFilter.CALLER);
        ConsoleSession session = (ConsoleSession) request.getAttribute(ConsoleFilter.SESSION);
        if (caller == null || session == null) {
            return;
        }
        model.addAttribute("caller", caller);
        model.addAttribute("admin", caller.may(Scope.ADMIN));
        model.addAttribute("csrf", session.csrf());
        model.addAttribute("tenant", caller.tenant().value());
        model.addAttribute("path", request.getServletPath());
        model.addAttribute("tenants", caller.operator()
                ? tenants.list(null, MAX_TENANTS_LISTED).stream().map(Tenant::id).map(t -> t.value()).toList()
                : List.of());
    }
}
