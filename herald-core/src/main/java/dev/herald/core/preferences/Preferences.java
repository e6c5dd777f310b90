package dev.herald.core.preferences;

import dev.herald.core.model.Channel;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

/**
 * What a user chose: channels they never want ({@code optedOut}, honoured even for critical types), the channels
 * they want per notification type ({@code channelsByType}, not applied to critical types), and quiet hours
 * (a zone of null means the user's own time zone).
 */
public record Preferences(String userId, Set<Channel> optedOut, Map<String, Set<Channel>> channelsByType,
                          LocalTime quietStart, LocalTime quietEnd, String quietZone, Instant updatedAt) {
    public Preferences {
        optedOut = Set.copyOf(optedOut);
        channelsByType = Map.copyOf(channelsByType);
    }

    public static Preferences none(String userId) {
        return new Preferences(userId, Set.of(), Map.of(), null, null, null, null);
    }
}
