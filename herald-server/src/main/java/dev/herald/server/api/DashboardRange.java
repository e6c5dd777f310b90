package dev.herald.server.api;

import dev.herald.core.model.Channel;
import dev.herald.core.request.Violations;
import dev.herald.core.stats.StatsQuery;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The dashboard's query parameters read into a {@link StatsQuery}: UTC days, the last 30 when none are given. */
final class DashboardRange {
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private DashboardRange() {
    }

    static StatsQuery parse(Violations v, Clock clock, String from, String to, String channel, String type) {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to == null ? today : day(v, "to", to);
        LocalDate first = from == null ? (last == null ? today : last).minusDays(DEFAULT_DAYS - 1L) : day(v, "from", from);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                v.add("to", "order", "must not be before from");
            } else if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
                v.add("from", "range", "from and to may be at most " + MAX_DAYS + " days apart");
            }
        }
        Channel parsedChannel = QueryParams.channel(v, channel);
        QueryParams.type(v, type);
        v.throwIfAny();
        return new StatsQuery(first, last, parsedChannel, type);
    }

    private static LocalDate day(Violations v, String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            v.add(field, "format", "must be a UTC day like 2026-12-01");
            return null;
        }
    }
}
