package dev.herald.providers.slack;

import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.model.Message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of one incoming-webhook post: a fallback {@code text} (what notifications and old clients show)
 * and Block Kit {@code blocks}: a header with the title, the body as mrkdwn sections, and a context line with the
 * notification type. A caller who wants a richer layout passes its own blocks as {@code data.slackBlocks}.
 */
final class SlackPayload {
    static final String CUSTOM_BLOCKS = "slackBlocks";
    // Slack's limits: a header's plain_text 150 characters, a section's text 3,000, a message 50 blocks.
    private static final int HEADER_LIMIT = 150;
    private static final int SECTION_LIMIT = 3000;
    private static final int SECTIONS_LIMIT = 48;

    private SlackPayload() {
    }

    /** The body to post; throws {@link IllegalArgumentException} when {@code slackBlocks} is not a list. */
    static Map<String, Object> of(OutboundMessage outbound) {
        Message message = outbound.message();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", SlackText.escape(fallback(message)));
        Object custom = message.data().get(CUSTOM_BLOCKS);
        if (custom != null && !(custom instanceof List<?>)) {
            throw new IllegalArgumentException("data." + CUSTOM_BLOCKS + " must be a list of Block Kit blocks");
        }
        body.put("blocks", custom != null ? custom : blocks(outbound.type(), message));
        return body;
    }

    private static String fallback(Message message) {
        boolean hasTitle = hasText(message.subject());
        boolean hasBody = hasText(message.text());
        if (hasTitle && hasBody) {
            return message.subject() + "\n" + message.text();
        }
        return hasTitle ? message.subject() : hasBody ? message.text() : "";
    }

    private static List<Map<String, Object>> blocks(String type, Message message) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        if (hasText(message.subject())) {
            // plain_text is not parsed as markup, so the title goes in as written.
            String title = SlackText.cut(message.subject().strip(), HEADER_LIMIT);
            blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", title)));
        }
        if (hasText(message.text())) {
            List<String> pieces = SlackText.escapeInPieces(message.text(), SECTION_LIMIT);
            if (pieces.size() > SECTIONS_LIMIT) {
                // Slack refuses the whole post past 50 blocks; better a cut message than none.
                pieces = new ArrayList<>(pieces.subList(0, SECTIONS_LIMIT - 1));
                pieces.add("_… cut: too long for one Slack message_");
            }
            for (String piece : pieces) {
                blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", piece)));
            }
        }
        if (hasText(type)) {
            // plain_text so a type like order_shipped_v2 is not read as italics.
            blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "plain_text", "text", type))));
        }
        return blocks;
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
