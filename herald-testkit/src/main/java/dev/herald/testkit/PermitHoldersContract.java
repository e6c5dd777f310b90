package dev.herald.testkit;

import dev.herald.core.clock.SettableClock;
import dev.herald.core.limits.PermitHolders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PermitHolders} does, local (one node) or shared (Redis): a holder is remembered for the period
 * it was remembered with, on the test's clock, by every node of the deployment. Each test gets a fresh memory.
 */
public abstract class PermitHoldersContract {
    protected final SettableClock clock = new SettableClock(Instant.parse("2026-11-21T09:00:00Z"));

    /** The memory of node {@code index} (0 or 1); the in-process one answers the same memory for both. */
    protected abstract PermitHolders node(int index);

    @Test
    void aHolderIsRememberedForItsPeriodThenForgotten() {
        PermitHolders holders = node(0);
        assertThat(holders.holds("delivery:1:SMS")).isFalse();

        holders.remember("delivery:1:SMS", Duration.ofHours(1));
        assertThat(holders.holds("delivery:1:SMS")).isTrue();
        clock.advance(Duration.ofMinutes(59));
        assertThat(holders.holds("delivery:1:SMS")).isTrue();

        clock.advance(Duration.ofMinutes(1));
        assertThat(holders.holds("delivery:1:SMS")).isFalse();
    }

    @Test
    void eachHolderIsItsOwn() {
        PermitHolders holders = node(0);
        holders.remember("delivery:1:SMS", Duration.ofHours(1));

        assertThat(holders.holds("delivery:2:SMS")).isFalse();
        assertThat(holders.holds("delivery:1:EMAIL")).isFalse();
    }

    @Test
    void whatOneNodeRemembersEveryNodeKnows() {
        node(0).remember("delivery:1:SMS", Duration.ofHours(1));

        assertThat(node(1).holds("delivery:1:SMS")).isTrue();
        assertThat(node(1).holds("delivery:2:SMS")).isFalse();
    }
}
