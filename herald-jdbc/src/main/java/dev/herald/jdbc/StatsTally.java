package dev.herald.jdbc;

import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.stats.LatencyHistogram;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The read model's increments for one transaction, summed in memory per row and written with one upsert per row
 * just before the commit: a batch of a thousand outcomes costs a handful of statements, and a crash loses the
 * counts together with what they count.
 */
final class StatsTally {
    /** The counter columns of {@code delivery_stats}, then one per latency bucket. */
    static final List<String> COLUMNS = Stream.concat(
            Stream.of("accepted", "sent", "delivered", "read_count", "failed", "dead", "suppressed",
                    "suppressed_dedup", "expired", "cancelled"),
            IntStream.range(0, LatencyHistogram.BUCKETS).mapToObj(i -> "latency_" + i)).toList();
    private static final int ACCEPTED = 0;
    private static final int SUPPRESSED_DEDUP = 7;
    private static final int FIRST_LATENCY = 10;

    // Rows are written in key order, so two transactions adding to the same rows never wait on each other in a cycle.
    private final Map<Key, long[]> rows = new TreeMap<>(Comparator.comparing(Key::tenant).thenComparing(Key::day)
            .thenComparing(Key::channel).thenComparing(Key::type));

    private record Key(String tenant, LocalDate day, String channel, String type) {
    }

    // Sent messages per provider (delivery_provider_stats), in key order for the same reason.
    private final Map<ProviderKey, long[]> providerRows = new TreeMap<>(Comparator.comparing(ProviderKey::tenant)
            .thenComparing(ProviderKey::day).thenComparing(ProviderKey::channel).thenComparing(ProviderKey::provider));

    private record ProviderKey(String tenant, LocalDate day, String channel, String provider) {
    }

    /**
     * The longest provider name stored (the delivery's {@code provider} column): a name is cut the same way for the
     * delivery row and for its count, so a rebuild from the rows finds the same key.
     */
    static final int PROVIDER_LENGTH = 64;

    /**
     * A delivery accepted at {@code acceptedAt} was sent by {@code provider} (null or blank when the outcome named
     * none: counted under '', which costs the channel's price). Call once per SENT outcome, beside
     * {@link #reached}.
     */
    void sentThrough(TenantId tenant, Instant acceptedAt, Channel channel, String provider) {
        String name = StorableText.of(provider, PROVIDER_LENGTH);
        ProviderKey key = new ProviderKey(tenant.value(), LocalDate.ofInstant(acceptedAt, ZoneOffset.UTC),
                channel.name(), name == null || name.isBlank() ? "" : name);
        providerRows.computeIfAbsent(key, k -> new long[1])[0]++;
    }

    /** A delivery written at intake: accepted, and whatever status it starts in. */
    void accepted(TenantId tenant, Instant acceptedAt, Channel channel, String type, DeliveryStatus status,
                  String detail) {
        row(tenant, acceptedAt, channel, type)[ACCEPTED]++;
        reached(tenant, acceptedAt, channel, type, status, detail, null);
    }

    /**
     * A delivery accepted at {@code acceptedAt} reached {@code status}; {@code at} is when, for the accept→sent
     * latency of a send. Statuses the model does not count (queued again, scheduled) add nothing.
     */
    void reached(TenantId tenant, Instant acceptedAt, Channel channel, String type, DeliveryStatus status,
                 String detail, Instant at) {
        int column = column(status);
        if (column < 0) {
            return;
        }
        long[] row = row(tenant, acceptedAt, channel, type);
        row[column]++;
        if (status == DeliveryStatus.SUPPRESSED && detail != null && detail.startsWith(ContentDedup.DUPLICATE_REASON)) {
            row[SUPPRESSED_DEDUP]++;
        }
        if (status == DeliveryStatus.SENT && at != null) {
            row[FIRST_LATENCY + LatencyHistogram.bucketOf(Duration.between(acceptedAt, at))]++;
        }
    }

    private static int column(DeliveryStatus status) {
        return switch (status) {
            case SENT -> 1;
            case DELIVERED -> 2;
            case READ -> 3;
            case FAILED -> 4;
            case DEAD -> 5;
            case SUPPRESSED -> 6;
            case EXPIRED -> 8;
            case CANCELLED -> 9;
            case ACCEPTED, SCHEDULED, QUEUED, SENDING -> -1;
        };
    }

    private long[] row(TenantId tenant, Instant acceptedAt, Channel channel, String type) {
        Key key = new Key(tenant.value(), LocalDate.ofInstant(acceptedAt, ZoneOffset.UTC), channel.name(), type);
        return rows.computeIfAbsent(key, k -> new long[COLUMNS.size()]);
    }

    /**
     * How many rows one tenant, day, channel and type is spread over. Each transaction adds to one, picked at random,
     * so concurrent transactions (the group-commit writers' intake, the outcome writer) mostly update different rows
     * instead of queueing on one row's lock until the holder commits; readers sum the slots.
     */
    static final int SLOTS = 8;

    /**
     * Adds the tally to the tables; call inside the transaction whose changes it counts. Returns the
     * {@code delivery_stats} rows written.
     */
    int writeTo(JdbcTemplate jdbc, SqlDialect dialect) {
        return writeTo(jdbc, dialect, ThreadLocalRandom.current().nextInt(SLOTS));
    }

    int writeTo(JdbcTemplate jdbc, SqlDialect dialect, int slot) {
        if (!providerRows.isEmpty()) {
            List<Object[]> sent = new ArrayList<>(providerRows.size());
            providerRows.forEach((key, count) -> sent.add(new Object[]{key.tenant(), key.day(), key.channel(),
                    key.provider(), count[0]}));
            jdbc.batchUpdate(dialect.addToProviderStats(), sent);
        }
        if (rows.isEmpty()) {
            return 0;
        }
        List<Object[]> params = new ArrayList<>(rows.size());
        rows.forEach((key, counts) -> {
            Object[] row = new Object[5 + counts.length];
            row[0] = key.tenant();
            row[1] = key.day();
            row[2] = key.channel();
            row[3] = key.type();
            row[4] = slot;
            for (int i = 0; i < counts.length; i++) {
                row[5 + i] = counts[i];
            }
            params.add(row);
        });
        jdbc.batchUpdate(dialect.addToStats(), params);
        return params.size();
    }
}
