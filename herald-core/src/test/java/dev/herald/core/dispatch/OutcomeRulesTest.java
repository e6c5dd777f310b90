package dev.herald.core.dispatch;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.DeliveryStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeRulesTest {
    private static final int MAX_ATTEMPTS = 4;

    private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final OutcomeRules rules = new OutcomeRules(
            new RetryPolicy(MAX_ATTEMPTS, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.0), new Random(7));

    private static ClaimedDelivery claimedOnAttempt(int attempt) {
        return new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(), "order.shipped",
                Channel.EMAIL, Priority.NORMAL, "user-1", "ada@example.com",
                new Message("Shipped", "Your order is on its way", null), attempt,
                Instant.parse("2025-03-01T08:59:00Z"), null, attempt);
    }

    @Test
    void aSentMessageIsRecordedAsSentWithTheProvidersMessageId() {
        // given
        ClaimedDelivery delivery = claimedOnAttempt(1);

        // when
        Outcome outcome = rules.decide(delivery, new SendResult.Sent("smtp", "msg-123"), clock.instant());

        // then
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(outcome.provider()).isEqualTo("smtp");
        assertThat(outcome.providerMessageId()).isEqualTo("msg-123");
        assertThat(outcome.at()).isEqualTo(clock.instant());
        assertThat(outcome.dueAt()).isNull();
    }

    @Test
    void anExpiredDeliveryIsNeverSentLate() {
        ClaimedDelivery d = claimedOnAttempt(1);
        ClaimedDelivery expiring = new ClaimedDelivery(d.id(), d.tenant(), d.notificationId(), d.type(), d.channel(),
                d.lane(), d.userId(), d.address(), d.message(), 1, d.createdAt(), clock.instant().plusSeconds(5), 1);

        assertThat(rules.beforeSend(expiring, clock.instant())).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(rules.beforeSend(expiring, clock.instant())).get().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(DeliveryStatus.EXPIRED);
            assertThat(outcome.detail()).contains("expired at");
        });
    }

    @Test
    void aDeferralWhenNoProviderWasAskedIsQueuedWithoutUsingAnAttempt() {
        ClaimedDelivery lastAttempt = claimedOnAttempt(MAX_ATTEMPTS);

        Outcome outcome = rules.decide(lastAttempt, new SendResult.Retry("twilio", "twilio at its rate limit",
                Optional.of(Duration.ofMillis(300)), false), clock.instant());
        Outcome bogusWait = rules.decide(lastAttempt, new SendResult.Retry("twilio", "asked us to wait",
                Optional.of(Duration.ofDays(400)), false), clock.instant());

        // Even on the last attempt: a deferral is not a failure, so it never turns into DEAD.
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(outcome.countsAsAttempt()).isFalse();
        assertThat(outcome.dueAt()).isEqualTo(clock.instant().plusMillis(300));
        assertThat(outcome.detail()).startsWith("deferred:");
        assertThat(bogusWait.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aRejectedMessageFailsWithTheReasonAndIsNeverDueAgain() {
        // given
        ClaimedDelivery delivery = claimedOnAttempt(1);

        // when
        Outcome outcome = rules.decide(delivery,
                new SendResult.Rejected("smtp", "550 mailbox does not exist", true), clock.instant());

        // then
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(outcome.detail()).isEqualTo("550 mailbox does not exist");
        assertThat(outcome.dueAt()).isNull();
    }

    @Test
    void aPassingFailureGoesBackToTheQueueDueAfterTheBackoff() {
        // given: the second attempt, so the backoff is 2 s
        ClaimedDelivery delivery = claimedOnAttempt(2);

        // when
        Outcome outcome = rules.decide(delivery, new SendResult.Retry("smtp", "421 try later"), clock.instant());

        // then
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(outcome.dueAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(2)));
        assertThat(outcome.detail()).isEqualTo("421 try later");
    }

    @Test
    void aPassingFailureOnTheLastAttemptGivesUpAsDead() {
        // given
        ClaimedDelivery delivery = claimedOnAttempt(MAX_ATTEMPTS);

        // when
        Outcome outcome = rules.decide(delivery, new SendResult.Retry("smtp", "421 try later"), clock.instant());

        // then
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(outcome.dueAt()).isNull();
        assertThat(outcome.detail()).contains(MAX_ATTEMPTS + " attempts").contains("421 try later");
    }

    @Test
    void aRetryIsNotDueBeforeTheProvidersRetryAfter() {
        // given
        ClaimedDelivery delivery = claimedOnAttempt(1);
        SendResult throttled = new SendResult.Retry("twilio", "429 too many requests",
                Optional.of(Duration.ofSeconds(90)));

        // when
        Outcome outcome = rules.decide(delivery, throttled, clock.instant());

        // then
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(outcome.dueAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(90)));
    }

    @Test
    void aDeliveryClaimedMoreOftenThanItHasAttemptsIsGivenUpBeforeAnotherSend() {
        assertThat(rules.beforeSend(claimedOnAttempt(MAX_ATTEMPTS), clock.instant())).isEmpty();

        Outcome givenUp = rules.beforeSend(claimedOnAttempt(MAX_ATTEMPTS + 1), clock.instant()).orElseThrow();

        assertThat(givenUp.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(givenUp.detail()).contains("lease expired");
    }
}
