package dev.herald.core.clock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdGeneratorTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final IdGenerator ids = new IdGenerator(clock);

    @Test
    void idsAreVersionSevenUuidsOfTheStandardVariant() {
        // given / when
        UUID id = ids.next();

        // then
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void idsCarryTheMillisecondTheyWereMadeIn() {
        // given / when
        UUID id = ids.next();

        // then: the first 48 bits are the Unix time in milliseconds
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void idsSortInCreationOrderEvenWhenTheClockStandsStill() {
        // given: the clock never moves, so all ids share one millisecond (and overflow its counter)
        List<UUID> created = new ArrayList<>();

        // when
        for (int i = 0; i < 10_000; i++) {
            created.add(ids.next());
        }

        // then
        assertThat(created).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        for (int i = 1; i < created.size(); i++) {
            assertStrictlyAfter(created.get(i), created.get(i - 1));
        }
    }

    @Test
    void anIdOfALaterMillisecondSortsAfterIdsOfAnEarlierOne() {
        // given: a run of ids within one millisecond
        List<UUID> earlier = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            earlier.add(ids.next());
        }
        clock.advance(Duration.ofMillis(1));

        // when
        UUID later = ids.next();

        // then
        assertThat(earlier).allSatisfy(id -> assertStrictlyAfter(later, id));
    }

    /** Checks both the JDK's ordering and the text ordering that a database index or a paging cursor uses. */
    private static void assertStrictlyAfter(UUID later, UUID earlier) {
        assertThat(later).as("%s after %s", later, earlier).isGreaterThan(earlier);
        assertThat(later.toString()).as("text of %s after %s", later, earlier).isGreaterThan(earlier.toString());
    }
}
