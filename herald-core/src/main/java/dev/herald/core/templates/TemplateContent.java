package dev.herald.core.templates;

import dev.herald.core.request.InvalidRequestException;
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
        String subject;
        String text;
        String html;
        try {
            subject = render(template.subject(), data, false, missing);
            text = render(template.text(), data, false, missing);
            html = channel.traits().html() ? render(template.html(), data, true, missing) : null;
        } catch (RuntimeException e) {
            // A value the template reads inside a section, or a shape it cannot use: the data does not fit.
            throw InvalidRequestException.conflict("data", "template-mismatch", "the " + channel + " template of '"
                    + type + "' (version " + template.version() + ") cannot be rendered with this data: "
                    + e.getClass().getSimpleName());
        }
        if (!missing.isEmpty()) {
            String first = missing.getFirst();
            throw InvalidRequestException.conflict("data." + first, "missing-variable", "the " + channel
                    + " template of '" + type + "' (version " + template.version() + ") needs "
                    + String.join(", ", new TreeSet<>(missing)) + " in data");
        }
        // Rendered text can outgrow what a message may carry (a long name in a subject, a loop over many items).
        if ((subject != null && subject.length() > MAX_SUBJECT) || (text != null && text.length() > MAX_TEXT)
                || (html != null && html.length() > MAX_HTML)) {
            throw InvalidRequestException.conflict("data", "too-long", "the " + channel + " template of '" + type
                    + "' renders longer than a message may be (subject " + MAX_SUBJECT + ", text " + MAX_TEXT
                    + ", html " + MAX_HTML + " characters)");
        }
        return new Message(subject, text == null ? "" : text, html);
    }

    private static final int MAX_SUBJECT = 1000;
    private static final int MAX_TEXT = 20_000;
    private static final int MAX_HTML = 100_000;

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
            String tag = canonical(locale);
            // ko-KR, then ko; zh-Hant-TW, then zh-Hant, then zh.
            for (String candidate = tag; ; candidate = candidate.substring(0, candidate.lastIndexOf('-'))) {
                chain.add(candidate);
                if (candidate.lastIndexOf('-') <= 0) {
                    break;
                }
            }
        }
        chain.add(TemplateKey.DEFAULT_LOCALE);
        return chain;
    }

    /** The one spelling of a locale, so {@code ko-kr} and {@code ko-KR} are the same template. */
    public static String canonical(String locale) {
        return TemplateKey.DEFAULT_LOCALE.equals(locale) ? locale : Locale.forLanguageTag(locale).toLanguageTag();
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
            if (!(current instanceof Map<?, ?> map) || map.get(part) == null) {
                return false;
            }
            current = map.get(part);
        }
        return true;
    }
}
