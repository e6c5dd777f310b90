package dev.herald.core.dispatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    private static final Optional<Duration> NO_RETRY_AFTER = Optional.empty();

    private final Random random = new Random(42);

    private static RetryPolicy withoutJitter(Duration cap) {
        return new RetryPolicy(10, Duration.ofSeconds(1), 2.0, cap, 0.0);
    }

    @Test
    void waitsOneTwoThenFourSecondsWhenThereIsNoJitter() {
        // given
        RetryPolicy policy = withoutJitter(Duration.ofMinutes(5));

        // when
        List<Duration> waits = List.of(
                policy.backoffAfter(1, NO_RETRY_AFTER, random),
                policy.backoffAfter(2, NO_RETRY_AFTER, random),
                policy.backoffAfter(3, NO_RETRY_AFTER, random));

        // then
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        // given
        RetryPolicy policy = withoutJitter(Duration.ofSeconds(5));

        // when
        Duration fourth = policy.backoffAfter(4, NO_RETRY_AFTER, random);
        Duration ninth = policy.backoffAfter(9, NO_RETRY_AFTER, random);

        // then
        assertThat(fourth).isEqualTo(Duration.ofSeconds(5));
        assertThat(ninth).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void waitsAsLongAsTheProviderAsksWhenThatIsLongerThanTheBackoff() {
        // given
        RetryPolicy policy = withoutJitter(Duration.ofMinutes(5));

        // when
        Duration wait = policy.backoffAfter(1, Optional.of(Duration.ofSeconds(30)), random);

        // then
        assertThat(wait).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aShortRetryAfterDoesNotShortenTheBackoff() {
        // given
        RetryPolicy policy = withoutJitter(Duration.ofMinutes(5));

        // when
        Duration wait = policy.backoffAfter(3, Optional.of(Duration.ofSeconds(1)), random);

        // then
        assertThat(wait).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aRetryAfterBeyondTheCapIsCutToTheCap() {
        // given
        RetryPolicy policy = withoutJitter(Duration.ofMinutes(5));

        // when
        Duration wait = policy.backoffAfter(1, Optional.of(Duration.ofHours(1)), random);

        // then
        assertThat(wait).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterKeepsEveryWaitWithinItsFractionOfTheBackoff() {
        // given: 2 s backoff after the second attempt, +/- 20 %
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);

        // when
        List<Duration> waits = drawMany(policy, 2, 10_000);

        // then
        assertThat(waits).allSatisfy(wait -> assertThat(wait)
                .isBetween(Duration.ofMillis(1_600), Duration.ofMillis(2_400)));
    }

    @Test
    void jitterSpreadsWaitsAcrossTheWholeAllowedRange() {
        // given
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);

        // when
        List<Duration> waits = drawMany(policy, 2, 10_000);

        // then: retries of many deliveries do not all land on the same instant
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isLessThan(Duration.ofMillis(1_700)));
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofMillis(2_300)));
    }

    private List<Duration> drawMany(RetryPolicy policy, int attempt, int draws) {
        List<Duration> waits = new ArrayList<>(draws);
        for (int i = 0; i < draws; i++) {
            waits.add(policy.backoffAfter(attempt, NO_RETRY_AFTER, random));
        }
        return waits;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aPolicyWithoutAnyAttemptIsRejected(int maxAttempts) {
        // when / then
        assertThatThrownBy(() -> new RetryPolicy(maxAttempts, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void aShrinkingMultiplierIsRejected() {
        // when / then
        assertThatThrownBy(() -> new RetryPolicy(4, Duration.ofSeconds(1), 0.5, Duration.ofMinutes(5), 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiplier");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01})
    void jitterOutsideZeroToOneIsRejected(double jitter) {
        // when / then
        assertThatThrownBy(() -> new RetryPolicy(4, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), jitter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jitter");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void attemptsAreLeftBeforeTheLastOne(int attempt) {
        // given
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);

        // when / then
        assertThat(policy.hasAttemptsLeftAfter(attempt)).isTrue();
    }

    @Test
    void noAttemptIsLeftAfterTheLastOne() {
        // given
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);

        // when / then
        assertThat(policy.hasAttemptsLeftAfter(4)).isFalse();
    }
}
