package dev.herald.core.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryThenSetAsideTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private final RetryThenSetAside rule = new RetryThenSetAside(5, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void thePauseDoublesAfterEachFailureUpToTheCap() {
        assertThat(rule.retryAt(1, NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(rule.retryAt(2, NOW)).isEqualTo(NOW.plusSeconds(2));
        assertThat(rule.retryAt(3, NOW)).isEqualTo(NOW.plusSeconds(4));
        assertThat(rule.retryAt(4, NOW)).isEqualTo(NOW.plusSeconds(5));
        assertThat(rule.retryAt(1_000, NOW)).as("no overflow far into the failures").isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void anItemIsSetAsideAfterItsLastAttempt() {
        assertThat(rule.spent(4)).isFalse();
        assertThat(rule.spent(5)).isTrue();
    }

    @Test
    void aFailureOfTheItemCountsAndAPassingOneWaitsAsLongButNeverSpendsIt() {
        assertThat(rule.after(4, RoundFailure.counted("IllegalStateException"), NOW))
                .isEqualTo(new RetryThenSetAside.Setback(5, NOW.plusSeconds(5), true));
        assertThat(rule.after(2, RoundFailure.passing("CannotGetJdbcConnectionException"), NOW))
                .isEqualTo(new RetryThenSetAside.Setback(2, NOW.plusSeconds(4), false));
        assertThat(rule.after(4, RoundFailure.passing("CannotGetJdbcConnectionException"), NOW).spent()).isFalse();
    }

    @Test
    void aRoundFailureIsPassingWhenItsClassifierSaysSo() {
        RuntimeException failure = new IllegalStateException("row 7 of ann@example.com");
        assertThat(RoundFailure.of(failure, PassingFailures.none()))
                .isEqualTo(new RoundFailure("IllegalStateException", false));
        assertThat(RoundFailure.of(failure, f -> f instanceof IllegalStateException).passing()).isTrue();
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new RetryThenSetAside(0, Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryThenSetAside(3, Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
