package dev.herald.core.tracking;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WaitSlotsTest {
    private final WaitSlots slots = new WaitSlots(2);
    private final UUID key = UUID.randomUUID();

    @Test
    void aKeyMayHaveAsManyWaitersAsTheCapAndNoMore() {
        Optional<WaitSlots.Slot> first = slots.tryTake(key);
        Optional<WaitSlots.Slot> second = slots.tryTake(key);

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(slots.tryTake(key)).isEmpty();
    }

    @Test
    void aClosedSlotCanBeTakenAgain() {
        WaitSlots.Slot first = slots.tryTake(key).orElseThrow();
        slots.tryTake(key).orElseThrow();

        first.close();

        assertThat(slots.tryTake(key)).isPresent();
    }

    @Test
    void eachKeyHasItsOwnSlots() {
        slots.tryTake(key).orElseThrow();
        slots.tryTake(key).orElseThrow();

        assertThat(slots.tryTake(UUID.randomUUID())).isPresent();
    }
}
