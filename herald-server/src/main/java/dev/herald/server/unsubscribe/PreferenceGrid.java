package dev.herald.server.unsubscribe;

import dev.herald.core.model.AddressKind;
import dev.herald.core.model.Channel;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.types.NotificationType;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The page's table of types by channels: for each type of the tenant (the link's own type first), a switch per
 * channel the type reaches a person on. Critical types are listed with their channels fixed on: preferences do not
 * apply to them. Reading the form back changes only the switches shown; choices for channels the page does not show
 * (a webhook, a type's fixed channel) stay as they were.
 */
record PreferenceGrid(List<Channel> columns, List<Row> rows) {
    /** At most this many types are listed (the link's own type always). */
    static final int MAX_TYPES = 100;
    /** Channels that reach a person the user could choose for; a webhook reaches the tenant's systems. */
    private static final Set<Channel> PERSONAL = EnumSet.copyOf(Arrays.stream(Channel.values())
            .filter(c -> c.traits().address() != AddressKind.WEBHOOK_URL).toList());

    /** One switch: {@code offered} false for a channel the type does not use (an empty cell). */
    record Cell(Channel channel, boolean offered, boolean on, String value) {
    }

    record Row(String type, boolean critical, boolean linked, List<Cell> cells) {
    }

    static PreferenceGrid of(List<NotificationType> types, String linkedType, Preferences chosen) {
        Map<String, NotificationType> byName = new HashMap<>();
        types.forEach(t -> byName.put(t.name(), t));
        List<String> names = new ArrayList<>();
        names.add(linkedType);
        // Types that reach nobody the user could choose for (only webhooks, fixed channels) are left out.
        types.stream().filter(t -> !t.name().equals(linkedType) && !offeredBy(t).isEmpty())
                .map(NotificationType::name).sorted().limit(MAX_TYPES - 1).forEach(names::add);
        Map<String, Set<Channel>> offered = new HashMap<>();
        Set<Channel> used = EnumSet.noneOf(Channel.class);
        for (String name : names) {
            Set<Channel> channels = offeredBy(byName.get(name));
            if (channels.isEmpty()) {
                channels = EnumSet.of(Channel.EMAIL); // the link's type: its email brought the link
            }
            offered.put(name, channels);
            used.addAll(channels);
        }
        List<Channel> columns = List.copyOf(used);
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            NotificationType type = byName.get(name);
            boolean critical = type != null && type.critical();
            List<Cell> cells = columns.stream().map(c -> new Cell(c, offered.get(name).contains(c),
                    critical || !chosen.declines(name, c), value(name, c))).toList();
            rows.add(new Row(name, critical, name.equals(linkedType), cells));
        }
        return new PreferenceGrid(columns, List.copyOf(rows));
    }

    /**
     * The user's choices after the form: {@code checked} holds the values of the switches left on. Critical types
     * keep what they had; a type whose every channel is on again loses its entry (it follows the type's routing).
     */
    Preferences apply(Preferences before, Set<String> checked, LocalTime quietStart, LocalTime quietEnd,
                      String quietZone, Instant at) {
        Map<String, Set<Channel>> byType = new HashMap<>(before.channelsByType());
        for (Row row : rows) {
            if (row.critical()) {
                continue;
            }
            Set<Channel> previous = before.channelsByType().get(row.type());
            Set<Channel> wanted = EnumSet.noneOf(Channel.class);
            for (Channel channel : Channel.values()) {
                Cell cell = row.cells().stream().filter(c -> c.channel() == channel && c.offered()).findFirst()
                        .orElse(null);
                boolean on = cell != null ? checked.contains(cell.value())
                        : previous == null || previous.contains(channel);
                if (on) {
                    wanted.add(channel);
                }
            }
            if (wanted.size() == Channel.values().length) {
                byType.remove(row.type());
            } else {
                byType.put(row.type(), wanted);
            }
        }
        return new Preferences(before.userId(), before.optedOut(), byType, quietStart, quietEnd, quietZone, at);
    }

    private static Set<Channel> offeredBy(NotificationType type) {
        if (type == null) {
            return EnumSet.of(Channel.EMAIL); // a type nobody defined: the link came with an email of it
        }
        Set<Channel> channels = type.everyChannel() ? EnumSet.copyOf(PERSONAL) : EnumSet.noneOf(Channel.class);
        channels.addAll(type.channels());
        channels.addAll(type.stepChannels()); // a workflow type: every channel its steps may send on
        channels.retainAll(PERSONAL);
        channels.removeAll(type.fixedRecipients().keySet());
        return channels;
    }

    private static String value(String type, Channel channel) {
        return type + "|" + channel.name();
    }
}
