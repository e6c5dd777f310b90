package dev.herald.jdbc;

import dev.herald.core.model.TraceParent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.support.SqlArrayValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Conversions both drivers agree on: instants travel as UTC {@link OffsetDateTime}, ids as {@link UUID}.
 * Values that may be null are bound with their SQL type: an untyped null makes the PostgreSQL driver look the type
 * up and re-prepare the statement whenever a parameter flips between null and a value, which breaks batching.
 */
final class Sql {
    private Sql() {
    }

    static SqlParameterValue ts(Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
                instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** "?, ?, ?" for an IN list of the given size. */
    static String marks(Collection<?> values) {
        return values.stream().map(v -> "?").collect(Collectors.joining(", "));
    }

    /**
     * A table {@code wanted} of the given texts in one column, {@code id}: {@code FROM} this, then {@code JOIN} the
     * table looked up {@code ON} its key columns, with {@link #keys} as the parameter. H2 answers {@code tenant_id = ? AND id IN
     * (?, ?, …)} by scanning all the tenant's rows (measured: 1 s per 1,000 ids among 100,000 users), where the join
     * probes the index once per key (10,000 ids in 20 ms); PostgreSQL needs the join fenced
     * ({@link SqlDialect#byKeys}). No length in the cast: a longer text must not be cut to match another key.
     */
    static final String WANTED = "UNNEST(CAST(? AS VARCHAR ARRAY)) AS wanted (id)";

    /** As {@link #WANTED}, of UUIDs. */
    static final String WANTED_IDS = "UNNEST(CAST(? AS UUID ARRAY)) AS wanted (id)";

    /** The parameter of a {@link #WANTED}: the texts once each. */
    static SqlArrayValue keys(Collection<String> values) {
        return new SqlArrayValue("VARCHAR", new LinkedHashSet<>(values).toArray());
    }

    /**
     * A stored {@code traceparent} (checked on the way in). A value that somehow no longer parses reads as none: a
     * claim must never fail on a row's trace context, which is only ever passed on.
     */
    static TraceParent trace(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        if (value == null) {
            return null;
        }
        try {
            return TraceParent.parse(value);
        } catch (TraceParent.Invalid e) {
            return null;
        }
    }
}
