package dev.herald.server.console;

import dev.herald.providers.chain.ProviderHealth;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The installation's providers now: breaker, calls by result, rate limit and the last error (as the API's). */
@Controller
class ProvidersPage {
    private final ProviderHealth providers;

    ProvidersPage(ProviderHealth providers) {
        this.providers = providers;
    }

    @GetMapping("/console/providers")
    String list(Model model) {
        model.addAttribute("providers", providers.now());
        return "console/providers";
    }
}
