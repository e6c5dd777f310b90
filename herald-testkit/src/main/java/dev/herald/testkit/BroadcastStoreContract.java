package dev.herald.testkit;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastFailedException;
import dev.herald.core.broadcast.BroadcastState;
import dev.herald.core.broadcast.BroadcastTemplate;
import dev.herald.core.broadcast.PlannedChunk;
import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.RetryThenSetAside.Setback;
import dev.herald.core.model.RoundFailure;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.DuplicateIdempotencyKeyException;
import dev.herald.core.request.ContentSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

public abstract class BroadcastStoreContract extends StoreContract {
    private static final RoundFailure ISE = RoundFailure.counted("IllegalStateException");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private Broadcast aBroadcast(String key) {
        return aBroadcast(TENANT, key);
    }

    private Broadcast aBroadcast(TenantId tenant, String key) {
        BroadcastTemplate template = new BroadcastTemplate("product.news", List.of(Channel.EMAIL),
                new ContentSpec("New", "Something new", null), Map.of("n", 1), null, null, null);
        return Broadcast.accepted(ids.next(), tenant, "news", template, key, key == null ? null : "hash", 10,
                clock.instant());
    }

    private Optional<Broadcast> claim(String owner) {
        return stores.broadcasts().claim(owner, clock.instant(), clock.instant().plus(LEASE));
    }

    private PlannedChunk chunkFor(long cursor, String... users) {
        return new PlannedChunk(java.util.Arrays.stream(users).map(u -> new PlannedChunk.ForUser(u,
                aNotification().priority(Priority.LOW).to(u).build())).toList(), 0, cursor);
    }

    @Test
    void anAcceptedBroadcastKeepsItsRequestAndIsFoundByIdAndKeyInItsTenantOnly() {
        Broadcast b = aBroadcast("launch-1");
        stores.broadcasts().create(b);

        Broadcast found = stores.broadcasts().find(TENANT, b.id()).orElseThrow();
        assertThat(found.template()).isEqualTo(b.template());
        assertThat(found.state()).isEqualTo(BroadcastState.PLANNING);
        assertThat(found.total()).isNull();
        assertThat(found.lastPosition()).isEqualTo(10);
        assertThat(stores.broadcasts().findByIdempotencyKey(TENANT, "launch-1")).get()
                .extracting(Broadcast::id).isEqualTo(b.id());
        assertThat(stores.broadcasts().find(OTHER_TENANT, b.id())).isEmpty();
        assertThatThrownBy(() -> stores.broadcasts().create(aBroadcast("launch-1")))
                .isInstanceOf(DuplicateIdempotencyKeyException.class);
        assertThat(stores.broadcasts().list(TENANT, 10, null).broadcasts()).hasSize(1);
        assertThat(stores.broadcasts().list(OTHER_TENANT, 10, null).broadcasts()).isEmpty();
    }

    @Test
    void onlyOneRunnerHoldsABroadcastUntilItsLeaseLapses() {
        Broadcast b = aBroadcast(null);
        stores.broadcasts().create(b);

        assertThat(stores.broadcasts().claim("node-a", clock.instant(), clock.instant().plus(LEASE))).isPresent();
        assertThat(stores.broadcasts().claim("node-b", clock.instant(), clock.instant().plus(LEASE))).isEmpty();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(stores.broadcasts().claim("node-b", clock.instant(), clock.instant().plus(LEASE))).isPresent();
        // node-a stalled past its lease: what it writes now is refused, whole.
        assertThat(stores.broadcasts().planChunk(b.id(), "node-a", chunkFor(2, "u1", "u2"), false,
                clock.instant(), clock.instant().plus(LEASE))).isFalse();
        assertThat(stores.broadcasts().members(TENANT, b.id(), null, 10)).isEmpty();
        assertThat(stores.broadcasts().find(TENANT, b.id()).orElseThrow().cursor()).isZero();
    }

    @Test
    void aChunkWritesItsNotificationsTheCursorAndTheLinksTogether() {
        Broadcast b = aBroadcast(null);
        stores.broadcasts().create(b);
        stores.broadcasts().claim("node-a", clock.instant(), clock.instant().plus(LEASE));
        assertThat(stores.broadcasts().counted(b.id(), "node-a", 3, clock.instant().plus(LEASE))).isTrue();

        PlannedChunk first = chunkFor(2, "u1", "u2");
        assertThat(stores.broadcasts().planChunk(b.id(), "node-a", first, false, clock.instant(),
                clock.instant().plus(LEASE))).isTrue();
        assertThat(stores.broadcasts().planChunk(b.id(), "node-a", chunkFor(3, "u3"), true, clock.instant(),
                clock.instant().plus(LEASE))).isTrue();

        Broadcast after = stores.broadcasts().find(TENANT, b.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(BroadcastState.PLANNED);
        assertThat(after.cursor()).isEqualTo(3);
        assertThat(after.planned()).isEqualTo(3);
        assertThat(after.total()).isEqualTo(3);
        assertThat(stores.broadcasts().members(TENANT, b.id(), null, 10)).extracting(m -> m.userId())
                .containsExactly("u1", "u2", "u3");
        assertThat(stores.broadcasts().members(OTHER_TENANT, b.id(), null, 10)).isEmpty();
        UUID firstNotification = first.notifications().getFirst().notification().notification().id();
        assertThat(stores.notifications().find(TENANT, firstNotification)).isPresent();
        assertThat(stores.broadcasts().deliveries(TENANT, b.id())).containsEntry(DeliveryStatus.QUEUED, 3L);
        assertThat(stores.broadcasts().deliveries(OTHER_TENANT, b.id())).isEmpty();
        // A planned broadcast has no work left for a runner.
        assertThat(stores.broadcasts().claim("node-b", clock.instant(), clock.instant().plus(LEASE))).isEmpty();
    }

    @Test
    void aCancelledBroadcastTakesNoFurtherChunkAndIsWalkedForItsNotifications() {
        Broadcast b = aBroadcast(null);
        stores.broadcasts().create(b);
        stores.broadcasts().claim("node-a", clock.instant(), clock.instant().plus(LEASE));
        stores.broadcasts().planChunk(b.id(), "node-a", chunkFor(2, "u1", "u2"), false, clock.instant(),
                clock.instant().plus(LEASE));

        assertThat(stores.broadcasts().cancel(TENANT, b.id(), clock.instant())).get()
                .extracting(Broadcast::state).isEqualTo(BroadcastState.CANCELLING);
        assertThat(stores.broadcasts().cancel(OTHER_TENANT, b.id(), clock.instant())).isEmpty();

        assertThat(stores.broadcasts().planChunk(b.id(), "node-a", chunkFor(3, "u3"), true, clock.instant(),
                clock.instant().plus(LEASE))).isFalse();
        assertThat(stores.broadcasts().members(TENANT, b.id(), null, 10)).hasSize(2);
        assertThat(stores.broadcasts().members(TENANT, b.id(), "u1", 10)).extracting(m -> m.userId()).containsExactly("u2");
        assertThat(stores.broadcasts().cancelledUpTo(b.id(), "node-a", "u2", true, clock.instant(),
                clock.instant().plus(LEASE))).isTrue();
        assertThat(stores.broadcasts().find(TENANT, b.id()).orElseThrow().state())
                .isEqualTo(BroadcastState.CANCELLED);
        assertThat(stores.broadcasts().cancelledAfter(TENANT, b.id())).contains("u2");
        assertThat(stores.broadcasts().cancelledAfter(OTHER_TENANT, b.id())).isEmpty();
    }

    @Test
    void aStoppedBroadcastKeepsItsReason() {
        Broadcast b = aBroadcast(null);
        stores.broadcasts().create(b);
        stores.broadcasts().claim("node-a", clock.instant(), clock.instant().plus(LEASE));

        assertThat(stores.broadcasts().stop(b.id(), "node-b", "expiresAt: past", clock.instant())).isFalse();
        assertThat(stores.broadcasts().stop(b.id(), "node-a", "expiresAt: past", clock.instant())).isTrue();

        Broadcast stopped = stores.broadcasts().find(TENANT, b.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(BroadcastState.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo("expiresAt: past");
    }

    @Test
    void aBroadcastWhoseRoundsFailWaitsItsBackoffWhileOthersAreTakenThenIsSetAsideKeepingItsChunks() {
        RetryThenSetAside rule = new RetryThenSetAside(2, Duration.ofMinutes(1), Duration.ofMinutes(5));
        Broadcast failing = aBroadcast(null);
        stores.broadcasts().create(failing);
        clock.advance(Duration.ofSeconds(1));
        Broadcast other = aBroadcast(OTHER_TENANT, null);
        stores.broadcasts().create(other);
        assertThat(claim("node-a")).get().extracting(Broadcast::id).isEqualTo(failing.id());
        stores.broadcasts().planChunk(failing.id(), "node-a", chunkFor(2, "u1", "u2"), false, clock.instant(),
                clock.instant().plus(LEASE));

        Setback first = stores.broadcasts().failed(failing.id(), "node-a", ISE, clock.instant(),
                rule).orElseThrow();

        assertThat(first).isEqualTo(new Setback(1, clock.instant().plus(Duration.ofMinutes(1)), false));
        // Its lease is given up and it waits: the next round, on any node, takes the other tenant's broadcast.
        assertThat(claim("node-a")).get().extracting(Broadcast::id).isEqualTo(other.id());
        stores.broadcasts().release(other.id(), "node-a");
        assertThat(stores.broadcasts().failed(failing.id(), "node-b", ISE, clock.instant(), rule))
                .as("only the lease holder records a failure").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(claim("node-b")).get().extracting(Broadcast::id).isEqualTo(failing.id());
        Setback second = stores.broadcasts().failed(failing.id(), "node-b", ISE, clock.instant(),
                rule).orElseThrow();
        assertThat(second.spent()).isTrue();
        assertThat(stores.broadcasts().setAside(failing.id(), "set aside after 2 failed attempts: IllegalStateException",
                clock.instant())).isTrue();

        Broadcast setAside = stores.broadcasts().find(TENANT, failing.id()).orElseThrow();
        assertThat(setAside.state()).isEqualTo(BroadcastState.FAILED);
        assertThat(setAside.stopReason()).isEqualTo("set aside after 2 failed attempts: IllegalStateException");
        assertThat(setAside.planned()).isEqualTo(2);
        assertThat(stores.broadcasts().members(TENANT, failing.id(), null, 10)).hasSize(2);
        assertThat(stores.broadcasts().deliveries(TENANT, failing.id())).containsEntry(DeliveryStatus.QUEUED, 2L);
        clock.advance(Duration.ofHours(1));
        assertThat(claim("node-a")).get().extracting(Broadcast::id).isEqualTo(other.id());
        stores.broadcasts().release(other.id(), "node-a");
        // Cancelling is new work, with fresh attempts: the planned notifications can still be cancelled.
        Broadcast cancelling = stores.broadcasts().cancel(TENANT, failing.id(), clock.instant()).orElseThrow();
        assertThat(cancelling.state()).isEqualTo(BroadcastState.CANCELLING);
        assertThat(cancelling.stopReason()).as("the set-aside reason no longer holds").isNull();
        assertThat(claim("node-a")).get().extracting(Broadcast::id).isEqualTo(failing.id());
    }

    @Test
    void aCancelBetweenTheLastFailedAttemptAndTheSetAsideWins() {
        RetryThenSetAside rule = new RetryThenSetAside(1, Duration.ofMinutes(1), Duration.ofMinutes(5));
        Broadcast failing = aBroadcast(null);
        stores.broadcasts().create(failing);
        assertThat(claim("node-a")).get().extracting(Broadcast::id).isEqualTo(failing.id());
        assertThat(stores.broadcasts().failed(failing.id(), "node-a", ISE, clock.instant(), rule)
                .orElseThrow().spent()).isTrue();

        stores.broadcasts().cancel(TENANT, failing.id(), clock.instant());

        assertThat(stores.broadcasts().setAside(failing.id(), "set aside after 1 failed attempt: IllegalStateException",
                clock.instant())).isFalse();
        Broadcast kept = stores.broadcasts().find(TENANT, failing.id()).orElseThrow();
        assertThat(kept.state()).isEqualTo(BroadcastState.CANCELLING);
        assertThat(kept.stopReason()).isNull();
    }

    @Test
    void aBroadcastWhoseRowCannotBeReadIsNamedSoItsFailureIsRecordedOnItAlone() {
        Broadcast unreadable = aBroadcast(null);
        stores.broadcasts().create(unreadable);
        clock.advance(Duration.ofSeconds(1));
        Broadcast other = aBroadcast(OTHER_TENANT, null);
        stores.broadcasts().create(other);
        stores.rawRows().update("UPDATE broadcast SET data_json = '{not json' WHERE id = ?", unreadable.id());

        assertThatThrownBy(() -> claim("node-a")).isInstanceOfSatisfying(BroadcastFailedException.class,
                failed -> assertThat(failed.broadcast()).isEqualTo(unreadable.id()));
        assertThat(stores.broadcasts().failed(unreadable.id(), "node-a", RoundFailure.counted("JacksonException"), clock.instant(),
                RetryThenSetAside.defaults())).isPresent();

        assertThat(claim("node-a")).get().extracting(Broadcast::id).isEqualTo(other.id());
        assertThat(stores.rawRows().number("SELECT attempts FROM broadcast WHERE id = ?", unreadable.id()))
                .isEqualTo(1);
    }

    @Test
    void aReadShowsARowThisVersionCannotReadWithTheUnreadablePartsNamed() {
        Broadcast newer = aBroadcast("newer");
        stores.broadcasts().create(newer);
        clock.advance(Duration.ofSeconds(1));
        Broadcast damaged = aBroadcast(null);
        stores.broadcasts().create(damaged);
        // A newer version's state and channel; a damaged data column.
        stores.rawRows().update("UPDATE broadcast SET state = 'PAUSED', channels = 'EMAIL,PIGEON' WHERE id = ?",
                newer.id());
        stores.rawRows().update("UPDATE broadcast SET data_json = '{not json' WHERE id = ?", damaged.id());

        Broadcast shown = stores.broadcasts().find(TENANT, newer.id()).orElseThrow();
        assertThat(shown.state()).isEqualTo(BroadcastState.UNKNOWN);
        assertThat(shown.template().channels()).isEmpty();
        assertThat(shown.unreadable()).isEqualTo("channels, state");
        assertThat(shown.template().type()).isEqualTo("product.news");
        assertThat(stores.broadcasts().findByIdempotencyKey(TENANT, "newer")).get()
                .extracting(Broadcast::unreadable).isEqualTo("channels, state");
        assertThat(stores.broadcasts().list(TENANT, 10, null).broadcasts())
                .extracting(Broadcast::id, Broadcast::unreadable)
                .containsExactly(tuple(damaged.id(), "data_json"), tuple(newer.id(), "channels, state"));
        assertThat(stores.broadcasts().find(TENANT, damaged.id()).orElseThrow().template().data()).isEmpty();
        // Nothing moves a state this version cannot read.
        assertThat(stores.broadcasts().cancel(TENANT, newer.id(), clock.instant())).get()
                .extracting(Broadcast::state).isEqualTo(BroadcastState.UNKNOWN);
    }

    @Test
    void aFailureThatPassesWaitsItsBackoffButUsesUpNoAttempt() {
        RetryThenSetAside rule = new RetryThenSetAside(2, Duration.ofMinutes(1), Duration.ofMinutes(5));
        Broadcast waiting = aBroadcast(null);
        stores.broadcasts().create(waiting);
        RoundFailure outage = RoundFailure.passing("CannotGetJdbcConnectionException");

        for (int round = 0; round < 5; round++) {
            assertThat(claim("node-a")).get().extracting(Broadcast::id).isEqualTo(waiting.id());
            assertThat(stores.broadcasts().failed(waiting.id(), "node-a", outage, clock.instant(), rule))
                    .contains(new Setback(0, clock.instant().plus(Duration.ofMinutes(1)), false));
            assertThat(claim("node-a")).as("waits its backoff").isEmpty();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(claim("node-a")).isPresent();
        Setback counted = stores.broadcasts().failed(waiting.id(), "node-a", ISE, clock.instant(), rule).orElseThrow();

        assertThat(counted).isEqualTo(new Setback(1, clock.instant().plus(Duration.ofMinutes(1)), false));
        assertThat(stores.broadcasts().find(TENANT, waiting.id()).orElseThrow().state())
                .isEqualTo(BroadcastState.PLANNING);
    }
}
