package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.types.TypeName;
import dev.herald.core.request.Violations;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.templates.TemplateContent;
import dev.herald.core.templates.TemplateKey;
import dev.herald.core.templates.TemplateVersion;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.security.ForbiddenException;
import dev.herald.server.templates.CachedTemplates;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import dev.herald.core.templates.TemplateEngine;

/**
 * Templates per type, channel and locale. Every PUT is a new version and becomes the active one; activating an
 * earlier version is the rollback. Preview renders the active template (with its locale fallback) on sample data.
 */
@RestController
@RequestMapping("/api/v1/templates")
class TemplateController {

    private final CachedTemplates templates;
    private final TemplateContent content;
    private final AddressRules addresses;
    private final Clock clock;
    private final TemplateEngine engine;
    private final AuditedChange audited;

    TemplateController(CachedTemplates templates, TemplateContent content, AddressRules addresses, Clock clock,
                       TemplateEngine engine, AuditedChange audited) {
        this.audited = audited;
        this.engine = engine;
        this.templates = templates;
        this.content = content;
        this.addresses = addresses;
        this.clock = clock;
    }

    record TemplateJson(String subject, String text, String html) {
    }

    record PreviewJson(String type, String channel, String locale, Map<String, Object> data) {
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.CREATED)
    @PutMapping(path = "/{type}/{channel}/{locale}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TemplateVersion> put(Caller caller, @PathVariable String type, @PathVariable String channel,
                                        @PathVariable String locale, @RequestBody TemplateJson body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        TemplateKey key = key(type, channel, locale);
        Violations v = new Violations();
        v.required("text", body.text());
        v.maxLength("subject", body.subject(), 1000);
        v.maxLength("text", body.text(), 20_000);
        v.maxLength("html", body.html(), 100_000);
        compiles(v, "subject", body.subject());
        compiles(v, "text", body.text());
        compiles(v, "html", body.html());
        v.throwIfAny();
        // The text is content: the entry names the version and which parts the template has, never their text.
        TemplateVersion created = audited.run(caller, () -> templates.createVersion(caller.tenant(), key,
                        body.subject(), body.text(), body.html(), clock.instant()),
                version -> Audited.of(AuditAction.TEMPLATE_VERSION_CREATED, target(key),
                        AuditSummary.of("version", version.version()).and("subject", body.subject() != null)
                                .and("html", body.html() != null)));
        templates.changed(caller.tenant(), key);
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/{type}/{channel}/{locale}/versions")
    List<TemplateVersion> versions(Caller caller, @PathVariable String type, @PathVariable String channel,
                                   @PathVariable String locale) {
        ForbiddenException.require(caller, Scope.READ);
        return templates.versions(caller.tenant(), key(type, channel, locale));
    }

    @RequiresScope(Scope.ADMIN)
    @PostMapping("/{type}/{channel}/{locale}/versions/{version}/activate")
    TemplateVersion activate(Caller caller, @PathVariable String type, @PathVariable String channel,
                             @PathVariable String locale, @PathVariable String version) {
        ForbiddenException.require(caller, Scope.ADMIN);
        TemplateKey key = key(type, channel, locale);
        Violations v = new Violations();
        int number = QueryParams.number(v, "version", version, Integer.MAX_VALUE);
        v.throwIfAny();
        boolean activated = audited.run(caller, () -> templates.activate(caller.tenant(), key, number),
                done -> done ? Audited.of(AuditAction.TEMPLATE_ACTIVATED, target(key),
                        AuditSummary.of("version", number)) : Audited.NOTHING);
        templates.changed(caller.tenant(), key);
        if (!activated) {
            throw new NotFoundException("no version " + version + " of that template");
        }
        return templates.active(caller.tenant(), key).orElseThrow();
    }

    @RequiresScope(Scope.READ)
    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    Message preview(Caller caller, @RequestBody PreviewJson body) {
        ForbiddenException.require(caller, Scope.READ);
        TemplateKey key = key(body.type(), body.channel(), body.locale() == null ? "default" : body.locale());
        return content.render(caller.tenant(), key.type(), key.channel(), key.locale(),
                body.data() == null ? Map.of() : body.data());
    }

    /** A template that does not compile is refused when written, not discovered by every later notification. */
    private void compiles(Violations v, String field, String source) {
        if (source == null) {
            return;
        }
        try {
            engine.compile(source);
        } catch (IllegalArgumentException e) {
            v.add(field, "template", e.getMessage().length() > 300 ? e.getMessage().substring(0, 300)
                    : e.getMessage());
        }
    }

    private static String target(TemplateKey key) {
        return "template:" + key.type() + "/" + key.channel() + "/" + key.locale();
    }

    private TemplateKey key(String type, String channel, String locale) {
        Violations v = new Violations();
        if (!TypeName.isValid(type)) {
            v.add("type", "format", "must be a notification type like order.shipped");
        }
        Channel parsed = channel == null ? null : Channel.parse(channel).orElse(null);
        if (parsed == null) {
            v.add("channel", "one-of", "must be one of " + Channel.allNames());
        }
        if (locale == null) {
            v.add("locale", "required", "must be a BCP 47 tag like ko-KR, or default");
        } else if (!locale.equals(TemplateKey.DEFAULT_LOCALE)) {
            addresses.locale(v, "locale", locale);
        }
        v.throwIfAny();
        return new TemplateKey(type, parsed, TemplateContent.canonical(locale));
    }
}
