package dev.herald.server.templates;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.herald.core.templates.TemplateEngine;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Logic-less Mustache (JMustache). Compiled templates are cached by source, one per escaping mode: HTML parts escape
 * values, text parts never do. The variables a template needs are read from its top level (a section is optional:
 * missing, it renders as nothing); partials are refused, since templates are stored one by one.
 */
public final class MustacheEngine implements TemplateEngine {
    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true);
    private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false);
    private final Cache<String, Template> compiled = Caffeine.newBuilder().maximumSize(10_000).build();

    @Override
    public Compiled compile(String source) {
        Template plain;
        try {
            plain = template(source, false);
        } catch (com.samskivert.mustache.MustacheException e) {
            throw new IllegalArgumentException("not a valid Mustache template: " + e.getMessage(), e);
        }
        Set<String> variables = new LinkedHashSet<>();
        plain.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                variables.add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                throw new IllegalArgumentException("partials ({{>" + name + "}}) are not supported");
            }

            @Override
            public boolean visitParent(String name) {
                throw new IllegalArgumentException("parents ({{<" + name + "}}) are not supported");
            }

            @Override
            public boolean visitSection(String name) {
                // A missing section renders as nothing: optional, so not required. What its items read is checked
                // when rendering.
                return false;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                // {{^items}}none{{/items}} works exactly when items is missing: nothing is required.
                return false;
            }
        });
        return new Compiled() {
            @Override
            public Set<String> variables() {
                return Set.copyOf(variables);
            }

            @Override
            public String render(Map<String, Object> data, boolean escapeHtml) {
                return template(source, escapeHtml).execute(data);
            }
        };
    }

    private Template template(String source, boolean escapeHtml) {
        return compiled.get((escapeHtml ? "h|" : "t|") + source, k -> (escapeHtml ? html : text).compile(source));
    }
}
