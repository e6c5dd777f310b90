package dev.herald.server.console;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.model.Channel;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeName;
import dev.herald.core.types.TypeRules;
import dev.herald.core.types.TypeStore;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.audit.ChangeSummaries;
import dev.herald.server.types.CachedTypeCatalog;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Notification types and their routing rules: the list, and editing one as the JSON that {@code PUT /api/v1/types/…}
 * takes, checked by the same {@link TypeRules} and audited the same way. Every key reads; admin keys save.
 */
@Controller
class TypesPage {
    private static final int MAX_RULE = 20_000;

    private final TypeStore types;
    private final TypeRules rules;
    private final CachedTypeCatalog catalog;
    private final AuditedChange audited;
    private final JsonMapper json;
    private final Clock clock;

    TypesPage(TypeStore types, TypeRules rules, CachedTypeCatalog catalog, AuditedChange audited, JsonMapper json,
              Clock clock) {
        this.types = types;
        this.rules = rules;
        this.catalog = catalog;
        this.audited = audited;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/console/types")
    String list(Caller caller, @RequestParam(required = false) String type, Model model,
                HttpServletResponse response) {
        model.addAttribute("types", types.list(caller.tenant()));
        if (type != null && !type.isBlank()) {
            if (!TypeName.isValid(type.trim())) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("ruleErrors", List.of("type: must be a notification type like order.shipped"));
                return "console/types";
            }
            Optional<NotificationType> found = types.find(caller.tenant(), type.trim());
            model.addAttribute("editing", type.trim());
            model.addAttribute("rule", found.map(this::asJson).orElse("""
                    {"channels": ["EMAIL"], "recipientFields": ["userId"]}"""));
        }
        return "console/types";
    }

    @PostMapping("/console/types/save")
    String save(Caller caller, @RequestParam(required = false) String type,
                @RequestParam(required = false) String rule, Model model, RedirectAttributes flash,
                HttpServletResponse response) {
        if (!caller.may(Scope.ADMIN) || type == null || !TypeName.isValid(type.trim())) {
            return "redirect:/console/types";
        }
        String name = type.trim();
        List<String> errors;
        try {
            if (rule == null || rule.length() > MAX_RULE) {
                throw new IllegalArgumentException("rule: required, at most " + MAX_RULE + " characters");
            }
            TypeRules.TypeSpec spec = json.readValue(rule, TypeRules.TypeSpec.class);
            NotificationType valid = rules.validate(name, spec, clock.instant());
            boolean created = audited.run(caller, () -> types.put(caller.tenant(), valid),
                    isNew -> Audited.of(isNew ? AuditAction.TYPE_CREATED : AuditAction.TYPE_UPDATED, "type:" + name,
                            ChangeSummaries.type(valid)));
            catalog.changed(caller.tenant(), name);
            flash.addFlashAttribute("done", created ? "types.created" : "types.saved");
            return "redirect:" + UriComponentsBuilder.fromPath("/console/types").queryParam("type", name).encode()
                    .build().toUriString();
        } catch (InvalidRequestException e) {
            errors = e.violations().stream().map(v -> v.field() + ": " + v.message()).toList();
        } catch (JacksonException e) {
            errors = List.of("rule: not the JSON of a type (" + e.getClass().getSimpleName() + "); see PUT /api/v1/types");
        } catch (IllegalArgumentException e) {
            errors = List.of(e.getMessage());
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("types", types.list(caller.tenant()));
        model.addAttribute("editing", name);
        model.addAttribute("rule", rule);
        model.addAttribute("ruleErrors", errors);
        return "console/types";
    }

    /** The rule as the JSON the API takes, so what is shown can be saved back unchanged. */
    private String asJson(NotificationType t) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("channels", t.channels().stream().map(Channel::name).toList());
        spec.put("everyChannel", t.everyChannel());
        spec.put("priority", t.priority().name().toLowerCase(Locale.ROOT));
        spec.put("critical", t.critical());
        spec.put("recipientFields", t.recipientFields());
        Map<String, String> fixed = new LinkedHashMap<>();
        t.fixedRecipients().forEach((channel, address) -> fixed.put(channel.name(), address));
        spec.put("fixedRecipients", fixed);
        if (t.expiry() != null) {
            spec.put("expiry", t.expiry().toString());
        }
        if (t.dedupWindow() != null) {
            spec.put("dedupWindow", t.dedupWindow().toString());
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
    }
}
