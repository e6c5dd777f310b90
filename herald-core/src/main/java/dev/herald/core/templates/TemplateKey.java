package dev.herald.core.templates;

import dev.herald.core.model.Channel;

/** Which template: a type's text for one channel in one locale ({@code default} is the fallback of all). */
public record TemplateKey(String type, Channel channel, String locale) {
    public static final String DEFAULT_LOCALE = "default";
}
