package dev.herald.testkit;

import dev.herald.core.deadletter.EventDeadLetter;
import dev.herald.core.deadletter.EventDeadLetterPage;
import dev.herald.core.deadletter.NewEventDeadLetter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Set-aside business-event records: kept once per source record, listed newest first, replay bookkeeping. */
public abstract class EventDeadLettersContract extends StoreContract {

    private NewEventDeadLetter letter(String topic, long offset) {
        return new NewEventDeadLetter(ids.next(), TENANT, topic, 1, offset, "key".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", "order.shipped".getBytes(StandardCharsets.UTF_8), "empty", new byte[0]),
                "type (unknown-type): no type 'x'", 1, clock.instant());
    }

    @Test
    void keepsTheRecordAsItArrivedWithItsSourceAndReason() {
        UUID id = stores.eventDeadLetters().setAside(letter("orders", 7));

        EventDeadLetter kept = stores.eventDeadLetters().find(TENANT, id).orElseThrow();
        assertThat(kept.topic()).isEqualTo("orders");
        assertThat(kept.partition()).isEqualTo(1);
        assertThat(kept.offset()).isEqualTo(7);
        assertThat(new String(kept.key(), StandardCharsets.UTF_8)).isEqualTo("key");
        assertThat(new String(kept.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"x\"}");
        assertThat(new String(kept.headers().get("ce_type"), StandardCharsets.UTF_8)).isEqualTo("order.shipped");
        assertThat(kept.headers().get("empty")).isEmpty();
        assertThat(kept.error()).isEqualTo("type (unknown-type): no type 'x'");
        assertThat(kept.attempts()).isEqualTo(1);
        assertThat(kept.setAsideAt()).isEqualTo(T0);
    }

    @Test
    void theSameSourceRecordSetAsideTwiceIsKeptOnce() {
        UUID first = stores.eventDeadLetters().setAside(letter("orders", 7));
        UUID again = stores.eventDeadLetters().setAside(letter("orders", 7));

        assertThat(again).isEqualTo(first);
        assertThat(stores.eventDeadLetters().list(TENANT, 10, null).items()).hasSize(1);
    }

    @Test
    void listsNewestFirstInPages() {
        UUID a = stores.eventDeadLetters().setAside(letter("orders", 1));
        clock.advance(Duration.ofSeconds(1));
        UUID b = stores.eventDeadLetters().setAside(letter("orders", 2));
        clock.advance(Duration.ofSeconds(1));
        UUID c = stores.eventDeadLetters().setAside(letter("orders", 3));

        EventDeadLetterPage first = stores.eventDeadLetters().list(TENANT, 2, null);
        assertThat(first.items()).extracting(EventDeadLetter::id).containsExactly(c, b);
        EventDeadLetterPage second = stores.eventDeadLetters().list(TENANT, 2, first.nextCursor());
        assertThat(second.items()).extracting(EventDeadLetter::id).containsExactly(a);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void aFailedReplayCountsAnAttemptAndKeepsTheNewReason() {
        UUID id = stores.eventDeadLetters().setAside(letter("orders", 1));
        clock.advance(Duration.ofMinutes(5));

        stores.eventDeadLetters().failedAgain(TENANT, id, "data.buyerId (missing-recipient): give a user id",
                clock.instant());

        EventDeadLetter kept = stores.eventDeadLetters().find(TENANT, id).orElseThrow();
        assertThat(kept.attempts()).isEqualTo(2);
        assertThat(kept.error()).startsWith("data.buyerId");
        assertThat(kept.lastAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(kept.setAsideAt()).isEqualTo(T0);
    }

    @Test
    void removedLettersAreGone() {
        UUID id = stores.eventDeadLetters().setAside(letter("orders", 1));

        assertThat(stores.eventDeadLetters().remove(TENANT, id)).isTrue();
        assertThat(stores.eventDeadLetters().remove(TENANT, id)).isFalse();
        assertThat(stores.eventDeadLetters().find(TENANT, id)).isEmpty();
    }

    @Test
    void anotherTenantSeesNothing() {
        UUID id = stores.eventDeadLetters().setAside(letter("orders", 1));

        assertThat(stores.eventDeadLetters().find(OTHER_TENANT, id)).isEmpty();
        assertThat(stores.eventDeadLetters().list(OTHER_TENANT, 10, null).items()).isEmpty();
        assertThat(stores.eventDeadLetters().remove(OTHER_TENANT, id)).isFalse();
        stores.eventDeadLetters().failedAgain(OTHER_TENANT, id, "no", clock.instant());
        assertThat(stores.eventDeadLetters().find(TENANT, id).orElseThrow().attempts()).isEqualTo(1);
    }
}
