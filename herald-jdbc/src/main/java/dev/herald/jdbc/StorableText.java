package dev.herald.jdbc;

/**
 * Text that came from outside (a provider's answer, a receipt, an endpoint's refusal) made fit for its column
 * before it is written. PostgreSQL refuses a NUL byte in text outright, and a value longer than its column fails the
 * whole statement: either would fail the batch it travels in, so neither may reach the database. Control characters
 * other than tab and line breaks are dropped (they only ever garble a log or a console), unpaired surrogates become
 * U+FFFD, and the result is cut to the column's size without splitting a surrogate pair.
 */
final class StorableText {
    private static final String ELLIPSIS = "...";

    private StorableText() {
    }

    static String of(String value, int maxChars) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), maxChars + 1));
        for (int i = 0; i < value.length() && clean.length() <= maxChars; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                clean.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                clean.append('\uFFFD');
            } else if (c == '\t' || c == '\n' || c == '\r' || !Character.isISOControl(c)) {
                clean.append(c);
            }
        }
        if (clean.length() <= maxChars) {
            return clean.toString();
        }
        int end = maxChars - ELLIPSIS.length();
        if (Character.isLowSurrogate(clean.charAt(end))) {
            end--;
        }
        return clean.substring(0, end) + ELLIPSIS;
    }
}
