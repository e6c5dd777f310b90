package dev.herald.core.digest;

import dev.herald.core.model.Channel;
import dev.herald.core.model.ChannelTraits;
import dev.herald.core.model.Message;

import java.util.List;

/**
 * Renders a digest: one message listing its items (each item's title, else its text). A channel with HTML gets an
 * HTML list too.
 * Until types have their own digest templates (the templates issue), this is the digest template of every type.
 */
public final class DigestContent {

    // A digest lists at most this many items, each cut to a line, so it always fits one message (and its column).
    private static final int MAX_ITEMS = 50;
    private static final int MAX_LINE = 300;

    public Message render(String type, Channel channel, List<Message> items) {
        String subject = items.size() + " new " + type + " notifications";
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<p>").append(escape(subject)).append("</p><ul>");
        for (Message item : items.subList(0, Math.min(items.size(), MAX_ITEMS))) {
            String line = line(item);
            text.append("- ").append(line).append('\n');
            html.append("<li>").append(escape(line)).append("</li>");
        }
        if (items.size() > MAX_ITEMS) {
            String more = "and " + (items.size() - MAX_ITEMS) + " more";
            text.append(more).append('\n');
            html.append("<li>").append(escape(more)).append("</li>");
        }
        html.append("</ul>");
        ChannelTraits traits = channel.traits();
        String body = text.toString().strip();
        String htmlPart = traits.html() ? html.toString() : null;
        // Without a subject line the count still has to be read, so it heads the text.
        return traits.subject() == ChannelTraits.Subject.NONE ? new Message(null, subject + "\n" + body, htmlPart)
                : new Message(subject, body, htmlPart);
    }

    private static String line(Message item) {
        String title = item.subject() == null || item.subject().isBlank() ? null : item.subject();
        String body = item.text() == null || item.text().isBlank() ? null : item.text();
        String line = title != null && body != null ? title + ": " + body : title != null ? title
                : body != null ? body : "(no text)";
        line = line.replaceAll("\\s+", " ");
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 1) + "…";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
