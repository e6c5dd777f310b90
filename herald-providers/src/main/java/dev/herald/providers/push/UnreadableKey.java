package dev.herald.providers.push;

/**
 * A push service's key could not be read (not JSON, no private key, not a PKCS#8 key, ...). The message names where
 * the key came from and the kind of failure, never the key's content: a parser's own message can quote the text it
 * choked on, which for an inline key is the key itself.
 */
public final class UnreadableKey extends IllegalArgumentException {
    private final transient KeySource source;

    public UnreadableKey(String what, KeySource source, Throwable failure) {
        super("cannot read the " + what + " " + source.describe() + " ("
                + (failure == null ? "missing" : failure.getClass().getSimpleName()) + ")");
        this.source = source;
    }

    public KeySource source() {
        return source;
    }
}
