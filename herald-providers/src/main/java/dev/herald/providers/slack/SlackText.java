package dev.herald.providers.slack;

import java.util.ArrayList;
import java.util.List;

/** Text as Slack's mrkdwn needs it: control characters escaped, and cut to the lengths blocks allow. */
final class SlackText {
    private SlackText() {
    }

    /**
     * Escapes the three characters Slack reads as markup. Without it, a notification's text could carry
     * {@code <!channel>} and ping a whole channel, or {@code <https://evil|bank.com>} and disguise a link.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> out.append(escape(cp)));
        return out.toString();
    }

    private static String escape(int codePoint) {
        return switch (codePoint) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            default -> Character.toString(codePoint);
        };
    }

    /** Escapes {@code text} into pieces of at most {@code limit} chars, never cutting an entity or a character. */
    static List<String> escapeInPieces(String text, int limit) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int cp : text.codePoints().toArray()) {
            String escaped = escape(cp);
            if (current.length() + escaped.length() > limit) {
                pieces.add(current.toString());
                current.setLength(0);
            }
            current.append(escaped);
        }
        if (!current.isEmpty()) {
            pieces.add(current.toString());
        }
        return pieces;
    }

    /** {@code text} in at most {@code limit} chars, ending with an ellipsis when cut, without splitting a character. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
