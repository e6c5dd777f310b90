package dev.herald.core.intake;

/** Upper bounds on what one notification may carry; every input has a limit. */
public record IntakeLimits(int maxRecipients, int maxTitleLength, int maxBodyLength, int maxHtmlLength,
                           int maxBatchSize, int maxDataLength) {
    public static IntakeLimits defaults() {
        return new IntakeLimits(100, 500, 20_000, 100_000, 1_000, 16_000);
    }
}
