package dev.herald.core.topics;

import java.util.regex.Pattern;

/** The one rule for a topic's key, wherever a key comes in (the topic API, a notification's {@code topic}). */
public final class TopicKey {
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$");

    private TopicKey() {
    }

    public static boolean isValid(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** What {@link #isValid} asks for, in words for an error answer. */
    public static final String RULE = "must be 1..100 characters of letters, digits and . _ : - starting with a "
            + "letter or digit (like product.news)";
}
