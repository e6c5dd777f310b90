package dev.herald.server.console;

import dev.herald.core.request.Violations;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.SuppressionFilter;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.suppression.SuppressionPage;
import dev.herald.core.suppression.SuppressionReason;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.suppression.SuppressionEdits;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's suppression list, newest first, narrowed by reason and paged by cursor; each entry links to the
 * delivery whose provider feedback put it there. Admin keys add an address by hand and remove one, through the same
 * checks and audit entries as {@code /api/v1/suppressions}; a refused address is named on the form.
 */
@Controller
class SuppressionsPage {
    static final int PAGE = 50;

    private final SuppressionList list;
    private final SuppressionEdits edits;

    SuppressionsPage(SuppressionList list, SuppressionEdits edits) {
        this.list = list;
        this.edits = edits;
    }

    @GetMapping("/console/suppressions")
    String list(Caller caller, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String cursor, Model model, HttpServletResponse response) {
        return show(caller, reason, cursor, model, response);
    }

    @PostMapping("/console/suppressions")
    String add(Caller caller, @RequestParam(required = false) String address,
               @RequestParam(required = false) String reason, Model model, RedirectAttributes flash,
               HttpServletResponse response) {
        if (!caller.may(Scope.ADMIN)) {
            return "redirect:/console/suppressions";
        }
        Violations v = new Violations();
        String typed = address == null ? null : address.trim();
        SuppressedAddress parsed = v.required("address", typed) ? edits.address(v, typed) : null;
        SuppressionReason parsedReason = reason == null || reason.isBlank() ? SuppressionReason.MANUAL
                : SuppressionEdits.reason(v, reason.trim());
        if (!v.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("addErrors", messages(v));
            model.addAttribute("typedAddress", clip(typed));
            model.addAttribute("typedReason", clip(reason));
            show(caller, null, null, model, response);
            return "console/suppressions";
        }
        boolean created = edits.add(caller, parsed, parsedReason).created();
        flash.addFlashAttribute("done", created ? "suppressions.added" : "suppressions.already");
        return "redirect:/console/suppressions";
    }

    @PostMapping("/console/suppressions/remove")
    String remove(Caller caller, @RequestParam(required = false) String address, RedirectAttributes flash) {
        if (!caller.may(Scope.ADMIN)) {
            return "redirect:/console/suppressions";
        }
        Violations v = new Violations();
        SuppressedAddress parsed = v.required("address", address) ? edits.address(v, address) : null;
        boolean removed = parsed != null && edits.remove(caller, parsed);
        flash.addFlashAttribute("done", removed ? "suppressions.removed" : "suppressions.gone");
        return "redirect:/console/suppressions";
    }

    private String show(Caller caller, String reason, String cursor, Model model, HttpServletResponse response) {
        model.addAttribute("reasons", SuppressionReason.values());
        List<String> errors = new ArrayList<>();
        SuppressionReason parsedReason = null;
        if (reason != null && !reason.isBlank()) {
            parsedReason = SuppressionEdits.REASONS.contains(reason.trim())
                    ? SuppressionReason.valueOf(reason.trim()) : null;
            if (parsedReason == null) {
                errors.add("reason");
            }
        }
        Optional<UUID> after = ConsoleFilters.cursor(cursor, errors);
        model.addAttribute("reason", parsedReason);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "console/suppressions";
        }
        SuppressionPage page = list.list(caller.tenant(), new SuppressionFilter(parsedReason, null), PAGE,
                after.orElse(null));
        model.addAttribute("entries", page.items());
        model.addAttribute("paged", after.isPresent());
        if (page.nextCursor() != null) {
            model.addAttribute("older", UriComponentsBuilder.fromPath("/console/suppressions")
                    .queryParamIfPresent("reason", Optional.ofNullable(parsedReason))
                    .queryParam("cursor", page.nextCursor()).encode().build().toUriString());
        }
        return "console/suppressions";
    }

    private static List<String> messages(Violations v) {
        return v.found().stream().map(found -> found.field() + ": " + found.message()).toList();
    }

    private static String clip(String s) {
        return s == null || s.length() <= SuppressedAddress.MAX_LENGTH ? s : s.substring(0, SuppressedAddress.MAX_LENGTH);
    }
}
