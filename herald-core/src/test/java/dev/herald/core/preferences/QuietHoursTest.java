package dev.herald.core.preferences;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Quiet hours in the user's zone, including the nights the clocks change. */
class QuietHoursTest {
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0),
            ZoneId.of("America/New_York"));

    @Test
    void aMessageInsideTheWindowWaitsUntilItsEndAndOneOutsideDoesNot() {
        // 23:30 in New York (EST, UTC-5) -> 07:00 the next morning.
        assertThat(NIGHT.endOfWindowAt(Instant.parse("2026-01-15T04:30:00Z")))
                .contains(Instant.parse("2026-01-15T12:00:00Z"));
        // 05:00 local: the same night's window, ends at 07:00 that morning.
        assertThat(NIGHT.endOfWindowAt(Instant.parse("2026-01-15T10:00:00Z")))
                .contains(Instant.parse("2026-01-15T12:00:00Z"));
        // 12:00 local: outside.
        assertThat(NIGHT.endOfWindowAt(Instant.parse("2026-01-15T17:00:00Z"))).isEmpty();
    }

    @Test
    void theNightTheClocksGoForwardTheWindowStillEndsAtSevenLocal() {
        // 22:30 EST on 7 March 2026; at 02:00 on 8 March clocks jump to 03:00 (EDT, UTC-4).
        assertThat(NIGHT.endOfWindowAt(Instant.parse("2026-03-08T03:30:00Z")))
                .contains(Instant.parse("2026-03-08T11:00:00Z"));
    }

    @Test
    void theNightTheClocksGoBackTheWindowStillEndsAtSevenLocal() {
        // 23:00 EDT on 31 October 2026; at 02:00 on 1 November clocks fall back to 01:00 (EST, UTC-5).
        assertThat(NIGHT.endOfWindowAt(Instant.parse("2026-11-01T03:00:00Z")))
                .contains(Instant.parse("2026-11-01T12:00:00Z"));
    }

    @Test
    void whenTheEndTimeHappensTwiceAMessageInTheSecondHourWaitsForTheSecondOne() {
        QuietHours late = new QuietHours(LocalTime.of(23, 0), LocalTime.of(1, 30), ZoneId.of("America/New_York"));
        // 01:15 EST, the second 01:15 of 1 November 2026 (the first was EDT): the window ends at 01:30 EST.
        assertThat(late.endOfWindowAt(Instant.parse("2026-11-01T06:15:00Z")))
                .contains(Instant.parse("2026-11-01T06:30:00Z"));
    }

    @Test
    void aDaytimeWindowAndAnEmptyWindowWork() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("Asia/Seoul"));
        assertThat(lunch.endOfWindowAt(Instant.parse("2026-05-01T03:30:00Z")))
                .contains(Instant.parse("2026-05-01T04:00:00Z"));
        assertThat(lunch.endOfWindowAt(Instant.parse("2026-05-01T05:00:00Z"))).isEmpty();
        assertThat(new QuietHours(LocalTime.NOON, LocalTime.NOON, ZoneId.of("UTC"))
                .endOfWindowAt(Instant.parse("2026-05-01T12:00:00Z"))).isEmpty();
    }
}
