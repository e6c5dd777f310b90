package dev.herald.providers.chain;

import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Instant;

/** Bucket4j's time read from a {@link Clock}, so rate limits follow a test's settable clock too. */
public record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
