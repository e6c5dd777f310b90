package dev.herald.server.unsubscribe;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.types.NotificationType;
import dev.herald.core.workflow.WorkflowStep;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PreferenceGridTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final List<NotificationType> TYPES = List.of(
            type("promo.weekly", false, Channel.EMAIL, Channel.SMS),
            type("security.alert", true, Channel.EMAIL),
            type("deploy.failed", false, Channel.WEBHOOK),
            type("chat.message", false, Channel.PUSH, Channel.IN_APP));

    @Test
    void theLinksTypeComesFirstCriticalTypesAreFixedOnAndTypesReachingNobodyAreLeftOut() {
        PreferenceGrid grid = PreferenceGrid.of(TYPES, "promo.weekly", Preferences.none("ann"));

        assertThat(grid.rows()).extracting(PreferenceGrid.Row::type)
                .containsExactly("promo.weekly", "chat.message", "security.alert");
        assertThat(grid.columns()).containsExactly(Channel.EMAIL, Channel.SMS, Channel.PUSH, Channel.IN_APP);
        PreferenceGrid.Row alert = grid.rows().get(2);
        assertThat(alert.critical()).isTrue();
        assertThat(alert.cells().getFirst().on()).isTrue();
    }

    @Test
    void switchingAChannelOffStoresOnlyThatAndSwitchingItBackOnDropsTheEntry() {
        Preferences before = new Preferences("ann", Set.of(), Map.of("deploy.failed", Set.of(Channel.EMAIL)), null,
                null, null, null);
        PreferenceGrid grid = PreferenceGrid.of(TYPES, "promo.weekly", before);

        Preferences after = grid.apply(before, Set.of("promo.weekly|EMAIL", "chat.message|PUSH",
                "chat.message|IN_APP", "security.alert|EMAIL"), LocalTime.of(22, 0), LocalTime.of(7, 0), null, NOW);

        assertThat(after.channelsByType()).isEqualTo(Map.of(
                "promo.weekly", EnumSet.complementOf(EnumSet.of(Channel.SMS)),
                "deploy.failed", Set.of(Channel.EMAIL)));
        assertThat(after.quietStart()).isEqualTo(LocalTime.of(22, 0));
        Preferences again = PreferenceGrid.of(TYPES, "promo.weekly", after).apply(after,
                Set.of("promo.weekly|EMAIL", "promo.weekly|SMS", "chat.message|PUSH", "chat.message|IN_APP"),
                null, null, null, NOW);
        assertThat(again.channelsByType()).containsOnlyKeys("deploy.failed");
        assertThat(again.quietStart()).isNull();
    }

    @Test
    void aWorkflowTypeOffersEveryChannelItsStepsMaySendOn() {
        NotificationType workflow = new NotificationType("comment.reply", List.of(), false, Priority.NORMAL, false,
                List.of(), Map.of(), null, null, null, List.of(WorkflowStep.send(Channel.IN_APP),
                WorkflowStep.wait(java.time.Duration.ofMinutes(15), true), WorkflowStep.send(Channel.EMAIL)));

        PreferenceGrid grid = PreferenceGrid.of(List.of(workflow), "comment.reply", Preferences.none("ann"));

        assertThat(grid.rows()).extracting(PreferenceGrid.Row::type).containsExactly("comment.reply");
        assertThat(grid.rows().getFirst().cells()).extracting(PreferenceGrid.Cell::channel)
                .containsExactlyInAnyOrder(Channel.IN_APP, Channel.EMAIL);
    }

    private static NotificationType type(String name, boolean critical, Channel... channels) {
        return new NotificationType(name, List.of(channels), false, Priority.NORMAL, critical, List.of(), Map.of(),
                null, null, null);
    }
}
