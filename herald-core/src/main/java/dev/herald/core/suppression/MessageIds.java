package dev.herald.core.suppression;

import java.util.ArrayList;
import java.util.List;

/**
 * The forms a message id may take in a provider's event. A Message-ID header is stored as Jakarta Mail wrote it,
 * {@code <id@host>}; providers echo it with or without the angle brackets (SES's {@code commonHeaders.messageId} is
 * the header's value as sent, its documented example a bare {@code custom-message-ID}; SendGrid's {@code smtp-id}
 * keeps them). So an id is looked up as given first, then with its brackets removed or added.
 */
public final class MessageIds {
    /** Longer than the stored column: no delivery can carry it, and nothing is looked up. */
    static final int LONGEST = 255;

    private MessageIds() {
    }

    public static List<String> forms(String id) {
        if (id == null) {
            return List.of();
        }
        String given = id.strip();
        if (given.isEmpty() || given.length() > LONGEST) {
            return List.of();
        }
        boolean bracketed = given.length() > 2 && given.charAt(0) == '<' && given.charAt(given.length() - 1) == '>';
        List<String> forms = new ArrayList<>(2);
        forms.add(given);
        String other = bracketed ? given.substring(1, given.length() - 1).strip() : "<" + given + ">";
        if (!other.isEmpty() && other.length() <= LONGEST) {
            forms.add(other);
        }
        return List.copyOf(forms);
    }
}
