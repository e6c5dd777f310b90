package dev.herald.server.console;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.model.Channel;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violation;
import dev.herald.core.request.Violations;
import dev.herald.core.templates.TemplateContent;
import dev.herald.core.templates.TemplateEngine;
import dev.herald.core.templates.TemplateKey;
import dev.herald.core.templates.TemplateVersion;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.types.TypeName;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.templates.CachedTemplates;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Templates per type × channel × locale: the versions (activate one to roll back), an editor whose draft is rendered
 * on sample data as it is typed (htmx posts the form to the preview; nothing is saved), and saving the draft as a new
 * active version with the API's rules and audit entry ({@code PUT /api/v1/templates/…}).
 */
@Controller
class TemplatesPage {
    private static final int MAX_SAMPLE = 20_000;

    private final CachedTemplates templates;
    private final TemplateEngine engine;
    private final AddressRules addresses;
    private final AuditedChange audited;
    private final JsonMapper json;
    private final Clock clock;

    TemplatesPage(CachedTemplates templates, TemplateEngine engine, AddressRules addresses, AuditedChange audited,
                  JsonMapper json, Clock clock) {
        this.templates = templates;
        this.engine = engine;
        this.addresses = addresses;
        this.audited = audited;
        this.json = json;
        this.clock = clock;
    }

    /** The draft as the editor holds it. */
    record Draft(String subject, String text, String html, String sample) {
    }

    /** What the draft renders to on the sample data, or why it cannot. */
    record Preview(String subject, String text, String html, List<String> errors) {
    }

    @GetMapping("/console/templates")
    String edit(Caller caller, @RequestParam(required = false) String type,
                @RequestParam(required = false) String channel, @RequestParam(required = false) String locale,
                Model model, HttpServletResponse response) {
        model.addAttribute("channels", Channel.values());
        model.addAttribute("type", type);
        model.addAttribute("channel", channel);
        model.addAttribute("locale", locale == null || locale.isBlank() ? TemplateKey.DEFAULT_LOCALE : locale);
        if (type == null || type.isBlank()) {
            return "console/templates";
        }
        Optional<TemplateKey> key = key(type, channel, locale, model);
        if (key.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "console/templates";
        }
        List<TemplateVersion> versions = templates.versions(caller.tenant(), key.get());
        Optional<TemplateVersion> active = templates.active(caller.tenant(), key.get());
        // The sample data survives a save (a flash attribute); it is the operator's, never stored.
        String sample = model.getAttribute("sample") instanceof String kept ? kept : "{}";
        Draft draft = active.map(v -> new Draft(v.subject(), v.text(), v.html(), sample))
                .orElse(new Draft(null, "", null, sample));
        model.addAttribute("key", key.get());
        model.addAttribute("versions", versions);
        model.addAttribute("draft", draft);
        model.addAttribute("preview", render(key.get().channel(), draft));
        return "console/templates";
    }

    @PostMapping("/console/templates/preview")
    String preview(@RequestParam(required = false) String channel, @RequestParam(required = false) String subject,
                   @RequestParam(required = false) String text, @RequestParam(required = false) String html,
                   @RequestParam(required = false) String sample, Model model) {
        Channel parsed = channel == null ? null : Channel.parse(channel).orElse(null);
        model.addAttribute("preview", parsed == null
                ? new Preview(null, null, null, List.of("channel: unknown"))
                : render(parsed, new Draft(blankToNull(subject), text, blankToNull(html), sample)));
        return "console/templates :: preview";
    }

    @PostMapping("/console/templates/save")
    String save(Caller caller, @RequestParam(required = false) String type,
                @RequestParam(required = false) String channel, @RequestParam(required = false) String locale,
                @RequestParam(required = false) String subject, @RequestParam(required = false) String text,
                @RequestParam(required = false) String html, @RequestParam(required = false) String sample,
                Model model, RedirectAttributes flash, HttpServletResponse response) {
        Optional<TemplateKey> key = key(type, channel, locale, model);
        if (!caller.may(Scope.ADMIN) || key.isEmpty()) {
            return "redirect:/console/templates";
        }
        String s = blankToNull(subject);
        String h = blankToNull(html);
        Violations v = new Violations();
        v.required("text", text);
        v.maxLength("subject", s, 1000);
        v.maxLength("text", text, 20_000);
        v.maxLength("html", h, 100_000);
        List<String> errors = new ArrayList<>(violations(v));
        errors.addAll(compileErrors(s, text, h));
        if (!errors.isEmpty()) {
            // The page again with the draft as typed, so nothing the operator wrote is lost.
            Draft draft = new Draft(s, text, h, sample);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("channels", Channel.values());
            model.addAttribute("type", key.get().type());
            model.addAttribute("channel", key.get().channel().name());
            model.addAttribute("locale", key.get().locale());
            model.addAttribute("key", key.get());
            model.addAttribute("versions", templates.versions(caller.tenant(), key.get()));
            model.addAttribute("draft", draft);
            model.addAttribute("preview", render(key.get().channel(), draft));
            model.addAttribute("saveErrors", errors);
            return "console/templates";
        }
        TemplateVersion created = audited.run(caller, () -> templates.createVersion(caller.tenant(), key.get(),
                        s, text, h, clock.instant()),
                version -> Audited.of(AuditAction.TEMPLATE_VERSION_CREATED, target(key.get()),
                        AuditSummary.of("version", version.version()).and("subject", s != null)
                                .and("html", h != null)));
        templates.changed(caller.tenant(), key.get());
        flash.addFlashAttribute("done", "templates.saved");
        flash.addFlashAttribute("sample", sample);
        flash.addFlashAttribute("doneCount", created.version());
        return "redirect:" + page(key.get());
    }

    @PostMapping("/console/templates/activate")
    String activate(Caller caller, @RequestParam(required = false) String type,
                    @RequestParam(required = false) String channel, @RequestParam(required = false) String locale,
                    @RequestParam(required = false) Integer version, @RequestParam(required = false) String sample,
                    Model model, RedirectAttributes flash) {
        Optional<TemplateKey> key = key(type, channel, locale, model);
        if (!caller.may(Scope.ADMIN) || key.isEmpty() || version == null) {
            return "redirect:/console/templates";
        }
        boolean activated = audited.run(caller, () -> templates.activate(caller.tenant(), key.get(), version),
                done -> done ? Audited.of(AuditAction.TEMPLATE_ACTIVATED, target(key.get()),
                        AuditSummary.of("version", version)) : Audited.NOTHING);
        templates.changed(caller.tenant(), key.get());
        flash.addFlashAttribute("done", activated ? "templates.activated" : "templates.noVersion");
        flash.addFlashAttribute("sample", sample);
        flash.addFlashAttribute("doneCount", version);
        return "redirect:" + page(key.get());
    }

    private Preview render(Channel channel, Draft draft) {
        List<String> errors = new ArrayList<>(compileErrors(draft.subject(), draft.text(), draft.html()));
        Map<String, Object> data = Map.of();
        String sample = draft.sample() == null || draft.sample().isBlank() ? "{}" : draft.sample();
        if (sample.length() > MAX_SAMPLE) {
            errors.add("sample: longer than " + MAX_SAMPLE + " characters");
        } else {
            try {
                data = json.readValue(sample, Map.class);
            } catch (JacksonException | ClassCastException e) {
                errors.add("sample: must be a JSON object like {\"name\": \"Ann\"}");
            }
        }
        if (!errors.isEmpty()) {
            return new Preview(null, null, null, errors);
        }
        try {
            return new Preview(
                    draft.subject() == null ? null : engine.compile(draft.subject()).render(data, false),
                    draft.text() == null ? "" : engine.compile(draft.text()).render(data, false),
                    draft.html() == null || !channel.traits().html() ? null
                            : engine.compile(draft.html()).render(data, true),
                    List.of());
        } catch (RuntimeException e) {
            return new Preview(null, null, null, List.of("sample: the template cannot be rendered with this data ("
                    + e.getClass().getSimpleName() + ")"));
        }
    }

    private List<String> compileErrors(String subject, String text, String html) {
        List<String> errors = new ArrayList<>();
        String[][] parts = {{"subject", subject}, {"text", text}, {"html", html}};
        for (String[] part : parts) {
            if (part[1] == null) {
                continue;
            }
            try {
                engine.compile(part[1]);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage() == null ? "does not compile" : e.getMessage();
                errors.add(part[0] + ": " + (message.length() > 300 ? message.substring(0, 300) : message));
            }
        }
        return errors;
    }

    private Optional<TemplateKey> key(String type, String channel, String locale, Model model) {
        String l = locale == null || locale.isBlank() ? TemplateKey.DEFAULT_LOCALE : locale.trim();
        Violations v = new Violations();
        if (type == null || !TypeName.isValid(type.trim())) {
            v.add("type", "format", "must be a notification type like order.shipped");
        }
        Channel parsed = channel == null ? null : Channel.parse(channel).orElse(null);
        if (parsed == null) {
            v.add("channel", "one-of", "must be one of " + Channel.allNames());
        }
        if (!l.equals(TemplateKey.DEFAULT_LOCALE)) {
            addresses.locale(v, "locale", l);
        }
        List<String> errors = violations(v);
        if (!errors.isEmpty()) {
            model.addAttribute("keyErrors", errors);
            return Optional.empty();
        }
        return Optional.of(new TemplateKey(type.trim(), parsed, TemplateContent.canonical(l)));
    }

    private static List<String> violations(Violations v) {
        try {
            v.throwIfAny();
            return List.of();
        } catch (InvalidRequestException e) {
            return e.violations().stream().map((Violation x) -> x.field() + ": " + x.message()).toList();
        }
    }

    private static String page(TemplateKey key) {
        return UriComponentsBuilder.fromPath("/console/templates").queryParam("type", key.type())
                .queryParam("channel", key.channel().name()).queryParam("locale", key.locale()).encode().build()
                .toUriString();
    }

    private static String target(TemplateKey key) {
        return "template:" + key.type() + "/" + key.channel() + "/" + key.locale();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
