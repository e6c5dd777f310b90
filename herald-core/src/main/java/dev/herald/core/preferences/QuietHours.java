package dev.herald.core.preferences;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily window in which a user wants no messages, in their time zone; it may cross midnight (22:00–07:00).
 * Computed with the zone's rules for each day, so it stays right across daylight-saving changes: a window ending
 * at 07:00 ends at 07:00 local time on the day the clocks move, too (a time that does not exist that day moves on
 * to the next valid time).
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    /** When the window holding {@code at} ends, or empty when {@code at} is outside it. */
    public Optional<Instant> endOfWindowAt(Instant at) {
        return window(at).map(end -> end.isAfter(at) ? end
                // The end time happened twice (clocks went back) and the earlier one is already past: the later.
                : end.atZone(zone).withLaterOffsetAtOverlap().toInstant());
    }

    private Optional<Instant> window(Instant at) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        boolean crossesMidnight = start.isAfter(end);
        if (!crossesMidnight) {
            return !time.isBefore(start) && time.isBefore(end)
                    ? Optional.of(ZonedDateTime.of(day, end, zone).toInstant()) : Optional.empty();
        }
        if (!time.isBefore(start)) {
            return Optional.of(ZonedDateTime.of(day.plusDays(1), end, zone).toInstant());
        }
        if (time.isBefore(end)) {
            return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
        }
        return Optional.empty();
    }
}
