package dev.herald.core.templates;

import java.util.Map;
import java.util.Set;

/** Port: logic-less templates (Mustache). Compiling tells which variables a template needs. */
public interface TemplateEngine {
    Compiled compile(String source);

    interface Compiled {
        /** Every variable and section name the template reads (dotted names as written). */
        Set<String> variables();

        /** Renders with the data; HTML-escapes values only when {@code html}. */
        String render(Map<String, Object> data, boolean html);
    }
}
