package dev.herald.core.preferences;

import dev.herald.core.model.Channel;

import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashMap;
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

    /** Whether this user no longer wants {@code type} by {@code channel} (for a non-critical type). */
    public boolean declines(String type, Channel channel) {
        Set<Channel> wanted = channelsByType.get(type);
        return optedOut.contains(channel) || (wanted != null && !wanted.contains(channel));
    }

    /**
     * The same choices, except that {@code type} no longer comes by {@code channel}; the type's other channels stay
     * as they were (a type with no choice yet keeps every other channel).
     */
    public Preferences declining(String type, Channel channel, Instant at) {
        Set<Channel> wanted = EnumSet.allOf(Channel.class);
        if (channelsByType.containsKey(type)) {
            wanted = channelsByType.get(type).isEmpty() ? EnumSet.noneOf(Channel.class)
                    : EnumSet.copyOf(channelsByType.get(type));
        }
        wanted.remove(channel);
        Map<String, Set<Channel>> byType = new HashMap<>(channelsByType);
        byType.put(type, wanted);
        return new Preferences(userId, optedOut, byType, quietStart, quietEnd, quietZone, at);
    }
}
