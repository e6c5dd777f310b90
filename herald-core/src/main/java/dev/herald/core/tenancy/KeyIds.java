package dev.herald.core.tenancy;

/**
 * The key number in a signed token: ASCII digits only, 1 to 9 of them, no leading zero, so one key has one spelling.
 */
public final class KeyIds {
    private KeyIds() {
    }

    /** The key id, or {@link IllegalArgumentException} when {@code text} is not a plain positive number. */
    public static int parse(String text) {
        if (text.isEmpty() || text.length() > 9 || text.charAt(0) == '0'
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a key id");
        }
        return Integer.parseInt(text);
    }
}
