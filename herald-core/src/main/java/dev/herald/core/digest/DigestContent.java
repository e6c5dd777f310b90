package dev.herald.core.digest;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;

import java.util.List;

/**
 * Renders a digest: one message listing its items (each item's title, else its text). Email gets an HTML list too.
 * Until types have their own digest templates (the templates issue), this is the digest template of every type.
 */
public final class DigestContent {

    public Message render(String type, Channel channel, List<Message> items) {
        String subject = items.size() + " new " + type + " notifications";
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<p>").append(escape(subject)).append("</p><ul>");
        for (Message item : items) {
            String line = item.subject() != null && !item.subject().isBlank()
                    ? item.subject() + (item.text() == null ? "" : ": " + item.text()) : item.text();
            text.append("- ").append(line).append('\n');
            html.append("<li>").append(escape(line)).append("</li>");
        }
        html.append("</ul>");
        return switch (channel) {
            case EMAIL -> new Message(subject, text.toString().strip(), html.toString());
            case SMS, KAKAO -> new Message(null, subject + "\n" + text.toString().strip(), null);
            case PUSH, IN_APP, SLACK, WEBHOOK -> new Message(subject, text.toString().strip(), null);
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
