package dev.herald.server.console;

import dev.herald.core.model.Channel;
import dev.herald.core.sandbox.SandboxStore;
import dev.herald.core.tenancy.Caller;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the sandbox providers captured instead of sending, newest first: an email's HTML in an iframe sandboxed with
 * no permissions (no scripts, no forms, no same origin), every text message as a phone would show it.
 */
@Controller
class SandboxPage {
    private static final int SHOWN = 50;
    private final SandboxStore sandbox;

    SandboxPage(SandboxStore sandbox) {
        this.sandbox = sandbox;
    }

    @GetMapping("/console/sandbox")
    String list(Caller caller, @RequestParam(required = false) String channel, Model model,
                HttpServletResponse response) {
        ConsoleFilters f = ConsoleFilters.read(channel, null, null, null, null);
        model.addAttribute("f", f);
        model.addAttribute("channels", Channel.values());
        if (!f.errors().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "console/sandbox";
        }
        model.addAttribute("messages", sandbox.list(caller.tenant(), f.channel(), null, SHOWN));
        return "console/sandbox";
    }
}
