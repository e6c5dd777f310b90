package dev.herald.core.rendering;

import dev.herald.core.request.ContentSpec;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ChannelTraits;
import dev.herald.core.model.Message;

/** Shapes literal request content by the channel's traits: a subject and an HTML part only where it has them. */
public final class LiteralContent {

    public Message render(ContentSpec content, Channel channel) {
        ChannelTraits traits = channel.traits();
        String html = !traits.html() ? null : content.html() != null ? content.html() : toHtml(content.body());
        return new Message(traits.subject().of(content.title()), content.body(), html);
    }

    private static String toHtml(String text) {
        StringBuilder html = new StringBuilder(text.length() + 32).append("<p>");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                case '\n' -> html.append("<br>");
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        html.append("<br>");
                    }
                }
                default -> html.append(c);
            }
        }
        return html.append("</p>").toString();
    }
}
