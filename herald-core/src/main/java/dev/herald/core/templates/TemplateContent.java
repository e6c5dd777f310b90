package dev.herald.core.templates;

import dev.herald.core.intake.InvalidRequestException;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders a notification from its type's active templates, at intake, so a send never fails on content. The
 * recipient's locale falls back {@code ko-KR → ko → default}. A variable the template needs but the data lacks is
 * refused here with a 422 naming it, never discovered at send time. Text is never HTML-escaped; the HTML part is.
 */
public final class TemplateContent {
    private final TemplateStore store;
    private final TemplateEngine engine;

    public TemplateContent(TemplateStore store, TemplateEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    public Message render(TenantId tenant, String type, Channel channel, String locale, Map<String, Object> data) {
        TemplateVersion template = find(tenant, type, channel, locale).orElseThrow(() ->
                InvalidRequestException.conflict("content", "no-template", "no content given and no " + channel
                        + " template for type '" + type + "' (PUT /api/v1/templates/" + type + "/"
                        + channel.name().toLowerCase(Locale.ROOT) + "/default)"));
        List<String> missing = new ArrayList<>();
        String subject = render(template.subject(), data, false, missing);
        String text = render(template.text(), data, false, missing);
        String html = channel == Channel.EMAIL ? render(template.html(), data, true, missing) : null;
        if (!missing.isEmpty()) {
            String first = missing.getFirst();
            throw InvalidRequestException.conflict("data." + first, "missing-variable", "the " + channel
                    + " template of '" + type + "' (version " + template.version() + ") needs "
                    + String.join(", ", new TreeSet<>(missing)) + " in data");
        }
        return new Message(subject, text == null ? "" : text, html);
    }

    /** The active template for the locale, its language, or the default. */
    public Optional<TemplateVersion> find(TenantId tenant, String type, Channel channel, String locale) {
        for (String candidate : fallbacks(locale)) {
            Optional<TemplateVersion> found = store.active(tenant, new TemplateKey(type, channel, candidate));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static List<String> fallbacks(String locale) {
        List<String> chain = new ArrayList<>();
        if (locale != null && !locale.isBlank()) {
            chain.add(locale);
            int dash = locale.indexOf('-');
            if (dash > 0) {
                chain.add(locale.substring(0, dash));
            }
        }
        chain.add(TemplateKey.DEFAULT_LOCALE);
        return chain;
    }

    private String render(String source, Map<String, Object> data, boolean html, List<String> missing) {
        if (source == null) {
            return null;
        }
        TemplateEngine.Compiled compiled = engine.compile(source);
        for (String variable : compiled.variables()) {
            if (!has(data, variable)) {
                missing.add(variable);
            }
        }
        return missing.isEmpty() ? compiled.render(data, html) : null;
    }

    /** Whether {@code a.b.c} resolves in nested maps. */
    private static boolean has(Map<String, Object> data, String path) {
        Object current = data;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return false;
            }
            current = map.get(part);
        }
        return true;
    }
}
