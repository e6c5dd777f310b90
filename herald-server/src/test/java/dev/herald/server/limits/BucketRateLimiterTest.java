package dev.herald.server.limits;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.testkit.RateLimiterContract;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.herald.testkit.TestClaims.aClaimedDelivery;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate-limiter contract on this process's token buckets (one node: both "nodes" are the same limiter), and the
 * per-user channel limits on top of them.
 */
class BucketRateLimiterTest extends RateLimiterContract {
    private final BucketRateLimiter limiter = new BucketRateLimiter(clock, 1_000);
    private final IdGenerator ids = new IdGenerator(clock);
    private final InProcessPermitHolders holders = new InProcessPermitHolders(clock, 1_000);

    @Override
    protected RateLimiter node(int index) {
        return limiter;
    }

    private ClaimedDelivery sms(String user, String type) {
        return aClaimedDelivery().id(ids.next()).notificationId(ids.next()).type(type).channel(Channel.SMS)
                .to(user, "+821012345678").message(new Message(null, "hi", null)).createdAt(clock.instant()).build();
    }

    @Test
    void overTheBudgetATypeMayBeDroppedWhileOthersWait() {
        UserChannelLimits limits = new UserChannelLimits(Map.of(Channel.SMS, new UserChannelLimits.Rule(
                new Limit(1, Duration.ofHours(1)), UserChannelLimits.Policy.DEFER,
                Map.of("marketing.promo", UserChannelLimits.Policy.DROP))), limiter, holders);

        assertThat(limits.check(sms("ann", "order.shipped"))).isInstanceOf(UserChannelLimits.Verdict.Send.class);
        assertThat(limits.check(sms("ann", "order.shipped")))
                .isInstanceOfSatisfying(UserChannelLimits.Verdict.Defer.class,
                        defer -> assertThat(defer.delay()).isEqualTo(Duration.ofHours(1)));
        assertThat(limits.check(sms("ann", "marketing.promo"))).isInstanceOf(UserChannelLimits.Verdict.Drop.class);
        assertThat(limits.check(sms("bob", "marketing.promo"))).isInstanceOf(UserChannelLimits.Verdict.Send.class);
    }

    /**
     * The budget counts messages, not tries: a message granted once goes on without spending again when it is tried
     * again (a provider's passing failure, or claimed again after a lost lease), and one refused whose drop was never
     * recorded (its worker killed first) is refused again when it comes back as attempt 2, not sent past the budget.
     */
    @Test
    void aMessageSpendsOnePermitHoweverOftenItIsTried() {
        UserChannelLimits limits = new UserChannelLimits(Map.of(Channel.SMS, new UserChannelLimits.Rule(
                new Limit(2, Duration.ofHours(1)), UserChannelLimits.Policy.DROP)), limiter, holders);
        ClaimedDelivery first = sms("ann", "order.shipped");
        ClaimedDelivery second = sms("ann", "order.shipped");
        ClaimedDelivery third = sms("ann", "order.shipped");

        assertThat(limits.check(first)).isInstanceOf(UserChannelLimits.Verdict.Send.class);
        assertThat(limits.check(second)).isInstanceOf(UserChannelLimits.Verdict.Send.class);
        assertThat(limits.check(third)).isInstanceOf(UserChannelLimits.Verdict.Drop.class);

        assertThat(limits.check(again(first, 2))).isInstanceOf(UserChannelLimits.Verdict.Send.class);
        assertThat(limits.check(again(second, 3))).isInstanceOf(UserChannelLimits.Verdict.Send.class);
        assertThat(limits.check(again(third, 2))).as("refused before, its drop lost: refused again")
                .isInstanceOf(UserChannelLimits.Verdict.Drop.class);
        assertThat(limits.check(sms("ann", "order.shipped"))).as("the retries spent nothing: still two in the hour")
                .isInstanceOf(UserChannelLimits.Verdict.Drop.class);

        // A try an hour and more later is counted again, in the new hour's budget.
        clock.advance(Duration.ofHours(1));
        assertThat(limits.check(again(first, 4))).isInstanceOf(UserChannelLimits.Verdict.Send.class);
        assertThat(limits.check(sms("ann", "order.shipped"))).isInstanceOf(UserChannelLimits.Verdict.Send.class);
        assertThat(limits.check(sms("ann", "order.shipped"))).isInstanceOf(UserChannelLimits.Verdict.Drop.class);
    }

    private ClaimedDelivery again(ClaimedDelivery delivery, int attempt) {
        return aClaimedDelivery().id(delivery.id()).notificationId(delivery.notificationId()).type(delivery.type())
                .channel(delivery.channel()).to(delivery.userId(), delivery.address()).message(delivery.message())
                .createdAt(delivery.createdAt()).attempt(attempt).build();
    }
}
