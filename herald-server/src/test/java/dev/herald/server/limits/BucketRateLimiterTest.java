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
                Map.of("marketing.promo", UserChannelLimits.Policy.DROP))), limiter);

        assertThat(limits.check(sms("ann", "order.shipped"))).isInstanceOf(UserChannelLimits.Verdict.Send.class);
        assertThat(limits.check(sms("ann", "order.shipped")))
                .isInstanceOfSatisfying(UserChannelLimits.Verdict.Defer.class,
                        defer -> assertThat(defer.delay()).isEqualTo(Duration.ofHours(1)));
        assertThat(limits.check(sms("ann", "marketing.promo"))).isInstanceOf(UserChannelLimits.Verdict.Drop.class);
        assertThat(limits.check(sms("bob", "marketing.promo"))).isInstanceOf(UserChannelLimits.Verdict.Send.class);
    }
}
