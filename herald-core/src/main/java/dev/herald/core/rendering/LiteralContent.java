package dev.herald.core.rendering;

import dev.herald.core.request.ContentSpec;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;

/** Shapes literal request content for a channel: email gets an HTML part, short channels get the body alone. */
public final class LiteralContent {

    public Message render(ContentSpec content, Channel channel) {
        return switch (channel) {
            case EMAIL -> new Message(content.title() == null ? "" : content.title(), content.body(),
                    content.html() != null ? content.html() : toHtml(content.body()));
            case SMS, KAKAO -> new Message(null, content.body(), null);
            case PUSH, IN_APP, SLACK, WEBHOOK -> new Message(content.title(), content.body(), null);
        };
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
