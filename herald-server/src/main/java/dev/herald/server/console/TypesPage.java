package dev.herald.server.console;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.model.Channel;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violation;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.types.NotificationType;
import dev.herald.core.workflow.WorkflowStep;
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
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Notification types and their routing rules: the list, and editing one in a form ({@link TypeForm}: channels,
 * lane, recipients, fixed addresses, durations) or, under "advanced", as the JSON that {@code PUT /api/v1/types/…}
 * takes. Both are checked by the same {@link TypeRules} and audited the same way; a refused save shows the page
 * again with each broken field named beside its input. Every key reads; admin keys save.
 */
@Controller
class TypesPage {
    private static final int MAX_RULE = 20_000;
    /** What a type that does not exist yet starts as: the same rule as {@link TypeForm#fresh()}. */
    private static final String NEW_RULE = """
            {"channels": ["EMAIL"], "recipientFields": ["userId"]}""";

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
            model.addAttribute("rule", found.map(this::asJson).orElse(NEW_RULE));
            model.addAttribute("form", found.map(TypeForm::of).orElseGet(TypeForm::fresh));
        }
        model.addAttribute("priorities", TypeForm.priorities());
        return "console/types";
    }

    /** The form's fields (see {@link TypeForm}); the same rules, audit entry and answer as the JSON editor. */
    @PostMapping("/console/types/save-form")
    String saveForm(Caller caller, @RequestParam MultiValueMap<String, String> params, Model model,
                    RedirectAttributes flash, HttpServletResponse response) {
        String type = params.getFirst("type");
        if (!caller.may(Scope.ADMIN) || type == null || !TypeName.isValid(type.trim())) {
            return "redirect:/console/types";
        }
        String name = type.trim();
        TypeForm form = TypeForm.read(params);
        List<Violation> violations = new ArrayList<>(form.unreadable());
        // The form has no inputs for steps: saving it would silently turn a workflow into a flat channel list.
        if (types.find(caller.tenant(), name).filter(NotificationType::hasSteps).isPresent()) {
            violations.add(new Violation("steps", "read-only", "this type sends through workflow steps, which the "
                    + "form cannot show; edit it in the JSON editor under Advanced"));
        }
        TypeRules.TypeSpec spec = form.spec(violations);
        try {
            NotificationType valid = rules.validate(name, spec, clock.instant());
            if (violations.isEmpty()) {
                return saved(caller, valid, flash);
            }
        } catch (InvalidRequestException e) {
            violations.addAll(e.violations());
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("types", types.list(caller.tenant()));
        model.addAttribute("priorities", TypeForm.priorities());
        model.addAttribute("editing", name);
        model.addAttribute("form", form);
        model.addAttribute("rule", types.find(caller.tenant(), name).map(this::asJson).orElse(NEW_RULE));
        Map<String, List<String>> byInput = byInput(violations);
        model.addAttribute("fieldErrors", byInput);
        // What belongs to no input of the form (none today, but the rules may grow) is listed above it.
        model.addAttribute("ruleErrors", byInput.entrySet().stream().filter(e -> !isInput(e.getKey()))
                .flatMap(e -> e.getValue().stream()).toList());
        return "console/types";
    }

    /** Each violation under the form input it belongs to: {@code channels[1]} → channels, a fixed address → its row. */
    private static Map<String, List<String>> byInput(List<Violation> violations) {
        Map<String, List<String>> byInput = new LinkedHashMap<>();
        for (Violation v : violations) {
            String field = v.field();
            int bracket = field.indexOf('[');
            String input = bracket > 0 ? field.substring(0, bracket)
                    : field.startsWith("fixedRecipients.") ? "fixed." + field.substring("fixedRecipients.".length())
                    .toUpperCase(Locale.ROOT)
                    : field;
            byInput.computeIfAbsent(input, k -> new ArrayList<>()).add(field + ": " + v.message());
        }
        return byInput;
    }

    private static boolean isInput(String input) {
        return List.of("channels", "priority", "recipientFields", "expiry", "dedupWindow").contains(input)
                || input.startsWith("fixed.");
    }

    private String saved(Caller caller, NotificationType valid, RedirectAttributes flash) {
        String name = valid.name();
        boolean created = audited.run(caller, () -> types.put(caller.tenant(), valid),
                isNew -> Audited.of(isNew ? AuditAction.TYPE_CREATED : AuditAction.TYPE_UPDATED, "type:" + name,
                        ChangeSummaries.type(valid)));
        catalog.changed(caller.tenant(), name);
        flash.addFlashAttribute("done", created ? "types.created" : "types.saved");
        return "redirect:" + UriComponentsBuilder.fromPath("/console/types").queryParam("type", name).encode()
                .build().toUriString();
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
            return saved(caller, rules.validate(name, spec, clock.instant()), flash);
        } catch (InvalidRequestException e) {
            errors = e.violations().stream().map(v -> v.field() + ": " + v.message()).toList();
        } catch (JacksonException e) {
            errors = List.of("rule: not the JSON of a type (" + e.getClass().getSimpleName() + "); see PUT /api/v1/types");
        } catch (IllegalArgumentException e) {
            errors = List.of(e.getMessage());
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("types", types.list(caller.tenant()));
        model.addAttribute("priorities", TypeForm.priorities());
        model.addAttribute("editing", name);
        model.addAttribute("rule", rule);
        model.addAttribute("advanced", true);
        model.addAttribute("form", types.find(caller.tenant(), name).map(TypeForm::of).orElseGet(TypeForm::fresh));
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
        if (t.hasSteps()) {
            spec.put("steps", t.steps().stream().map(WorkflowStep::written).toList());
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
    }
}
