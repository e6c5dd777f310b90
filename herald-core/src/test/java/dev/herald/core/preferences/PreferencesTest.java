package dev.herald.core.preferences;

import dev.herald.core.model.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PreferencesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void decliningATypesEmailKeepsEveryOtherChannelOfItAndEveryOtherChoice() {
        Preferences before = new Preferences("ann", Set.of(Channel.SMS), Map.of("order.shipped", Set.of(Channel.PUSH)),
                null, null, null, null);

        Preferences after = before.declining("promo.weekly", Channel.EMAIL, NOW);

        Set<Channel> allButEmail = EnumSet.complementOf(EnumSet.of(Channel.EMAIL));
        assertThat(after.channelsByType()).isEqualTo(Map.of("promo.weekly", allButEmail,
                "order.shipped", Set.of(Channel.PUSH)));
        assertThat(after.optedOut()).containsExactly(Channel.SMS);
        assertThat(after.updatedAt()).isEqualTo(NOW);
        assertThat(after.declines("promo.weekly", Channel.EMAIL)).isTrue();
        assertThat(after.declines("promo.weekly", Channel.PUSH)).isFalse();
        assertThat(before.declines("promo.weekly", Channel.EMAIL)).isFalse();
    }

    @Test
    void decliningNarrowsAnExistingChoiceAndIsIdempotent() {
        Preferences before = new Preferences("ann", Set.of(), Map.of("promo.weekly", Set.of(Channel.EMAIL,
                Channel.PUSH)), null, null, null, null);

        Preferences once = before.declining("promo.weekly", Channel.EMAIL, NOW);

        assertThat(once.channelsByType().get("promo.weekly")).containsExactly(Channel.PUSH);
        assertThat(once.declining("promo.weekly", Channel.EMAIL, NOW).channelsByType())
                .isEqualTo(once.channelsByType());
        assertThat(before.declining("promo.weekly", Channel.EMAIL, NOW).declining("promo.weekly", Channel.PUSH, NOW)
                .channelsByType().get("promo.weekly")).isEmpty();
    }
}
