package dev.herald.core.stats;

import dev.herald.core.model.Channel;

import java.time.LocalDate;

/** Which rows of the read model to read: UTC days {@code from} to {@code to} inclusive, optionally one channel and type. */
public record StatsQuery(LocalDate from, LocalDate to, Channel channel, String type) {
    public static StatsQuery days(LocalDate from, LocalDate to) {
        return new StatsQuery(from, to, null, null);
    }
}
