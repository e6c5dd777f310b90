package dev.herald.core.suppression;

/** What a listing is narrowed to; null fields do not narrow. {@code address} is matched exactly (normalised). */
public record SuppressionFilter(SuppressionReason reason, SuppressedAddress address) {
    public static final SuppressionFilter ALL = new SuppressionFilter(null, null);
}
