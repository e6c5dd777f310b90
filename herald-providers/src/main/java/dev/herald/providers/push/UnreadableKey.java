package dev.herald.providers.push;

/**
 * A push service's key could not be read (not JSON, no private key, not a PKCS#8 key, ...). The message names where
 * the key came from and the kind of failure, never the key's content: a parser's own message can quote the text it
 * choked on, which for an inline key is the key itself.
 */
public final class UnreadableKey extends IllegalArgumentException {
    private final transient KeySource source;

    public UnreadableKey(String what, KeySource source, Throwable failure) {
        super("cannot read the " + what + " " + source.describe() + " (" + kindOf(failure) + ")");
        this.source = source;
    }

    /** The failure's type in words ({@code MalformedJsonException}: "malformed json"), for answers and logs. */
    private static String kindOf(Throwable failure) {
        if (failure == null) {
            return "missing";
        }
        String name = failure.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        if (name.isEmpty() || name.equals("IO")) {
            return "not a readable key";
        }
        return String.join(" ", name.split("(?<=[a-z])(?=[A-Z])")).toLowerCase(java.util.Locale.ROOT);
    }

    public KeySource source() {
        return source;
    }
}
