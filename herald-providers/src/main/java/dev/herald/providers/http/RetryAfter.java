package dev.herald.providers.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code Retry-After} in both forms HTTP allows: delay in seconds, or an HTTP date. */
public final class RetryAfter {
    private final Clock clock;

    public RetryAfter(Clock clock) {
        this.clock = clock;
    }

    public Optional<Duration> from(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(this::parse);
    }

    public Optional<Duration> parse(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }
}
