package dev.herald.jdbc;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.StatusMove;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Status conditions derived from the state machine ({@link StatusMove}, {@code StatusTransitions}) instead of written
 * by hand. Status names are enum constants, never input, so they are inlined as literals: the statements stay
 * constant strings that the drivers prepare once.
 */
final class StatusSql {
    private StatusSql() {
    }

    /** {@code status IN ('QUEUED', 'SCHEDULED', 'SENDING')} for the statuses the move starts from. */
    static String from(StatusMove move) {
        return in("status", move.from());
    }

    /** The same condition on a qualified column, e.g. {@code d.status}. */
    static String from(String column, StatusMove move) {
        return in(column, move.from());
    }

    /** {@code 'SENDING'}: the move's target as a literal. */
    static String to(StatusMove move) {
        return "'" + move.to().name() + "'";
    }

    static String in(String column, Collection<DeliveryStatus> statuses) {
        return column + " IN (" + statuses.stream().sorted().map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", ")) + ")";
    }
}
